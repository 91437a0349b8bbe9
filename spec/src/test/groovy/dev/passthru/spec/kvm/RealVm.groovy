package dev.passthru.spec.kvm

/**
 * A domain defined in a real libvirtd (the shared {@link RealLibvirtd}, or a spec's {@link OwnLibvirtd}) for as long
 * as a spec needs it (a recipe's VM), under a unique name, and undefined on close.
 * {@link #forThisMachine} makes the demo's win10 domain one this machine's libvirt can also try
 * to start, changing only what passthru's steps never touch.
 */
final class RealVm implements Closeable {
    /** The name libvirt holds it under (what a recipe's vm('...') names). */
    final String name
    private final Closure<RealLibvirtd.Result> virsh

    /**
     * Defines {@code xml} (a unique name and uuid replace its own; virt type qemu where the host has no KVM) through
     * {@code virsh} (virsh arguments and stdin to the daemon's result; default: the shared daemon).
     */
    RealVm(String xml, Closure<RealLibvirtd.Result> virsh = { List<String> a, String i -> RealLibvirtd.virsh(a, i) }) {
        this.virsh = virsh
        ScratchDomain scratch = new ScratchDomain(xml, RealLibvirtd.kvm())
        RealLibvirtd.Result r = virsh(['define', '--file', '/dev/stdin'], scratch.xml)
        if (r.exit != 0) throw new IllegalStateException("virsh define failed: ${r}")
        name = scratch.scratchName
    }

    /**
     * The demo's domain as a machine without KVM, OVMF or libvirt's 'default' network can start it as far as libvirt's
     * own checks go: the emulated CPU model 'maximum' for host-passthrough (which needs KVM) where there is no KVM,
     * SeaBIOS for OVMF (loader and NVRAM template not installed), user-mode networking for the 'default' network
     * (no network driver). Each replacement must hit, so a change of the demo domain shows here.
     */
    static String forThisMachine(String xml) {
        String out = xml
        if (!RealLibvirtd.kvm()) {
            out = replace(out, "<cpu mode='host-passthrough' check='none' migratable='on'/>",
                    "<cpu mode='maximum' check='none'/>")
        }
        out = replace(out, ~/\n\s*<loader [^\n]*<\/loader>/, '')
        out = replace(out, ~/\n\s*<nvram [^\n]*<\/nvram>/, '')
        out = replace(out, "<interface type='network'>", "<interface type='user'>")
        replace(out, ~/\n\s*<source network='default'\/>/, '')
    }

    private static String replace(String xml, Object what, String with) {
        String out = what instanceof java.util.regex.Pattern ? xml.replaceFirst((java.util.regex.Pattern) what, with)
                : xml.replace(what.toString(), with)
        assert out != xml: "the demo domain no longer has ${what}"
        out
    }

    /** The domain as libvirt holds it (dumpxml --inactive --security-info). */
    String dumpxml() {
        RealLibvirtd.Result r = virsh(['dumpxml', '--inactive', '--security-info', name], null)
        if (r.exit != 0) throw new IllegalStateException("virsh dumpxml ${name} failed: ${r}")
        r.out
    }

    /** libvirt's domstate, e.g. shut off. */
    String state() { virsh(['domstate', name], null).out.trim() }

    @Override
    void close() {
        if (state() == 'running') virsh(['destroy', name], null)
        RealLibvirtd.Result r = virsh(['undefine', '--keep-nvram', name], null)
        if (r.exit != 0) throw new IllegalStateException("virsh undefine ${name} failed: ${r}")
    }
}
