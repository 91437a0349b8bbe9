package dev.passthru.spec.kvm

import java.nio.file.Files

/**
 * The real libvirt tools, for specs: virt-xml-validate (libvirt's RelaxNG schemas, through xmllint) and the machine's
 * real libvirtd with the QEMU driver ({@link RealLibvirtd}, qemu:///system): libvirt's own parser, its QEMU checks
 * and its canonical form judge every domain. .ci/run installs all of it (libvirt-clients, libxml2-utils,
 * libvirt-daemon, libvirt-daemon-driver-qemu); a spec fails, not skips, when they are missing.
 */
final class Libvirt {
    static final class Result {
        int exit
        String out
        String toString() { "exit ${exit}: ${out}" }
    }

    static Result validate(String xml) { run(['virt-xml-validate', file(xml), 'domain']) }

    /**
     * Defines the domain in the real libvirtd and prints it back as libvirt holds it (dumpxml --inactive
     * --security-info), then undefines it. The daemon is shared, so libvirt holds it under a unique name and uuid
     * (and as virt type qemu on a host without KVM; see {@link ScratchDomain}); the read-back carries the
     * domain's own name, uuid and type again. A refused define gives libvirt's error and its exit status.
     */
    static Result defineAndDump(String xml, String name) {
        String uri = RealLibvirtd.uri()
        ScratchDomain scratch = new ScratchDomain(xml, RealLibvirtd.kvm())
        Result defined = run(['virsh', '-q', '-c', uri, 'define', '--file', file(scratch.xml)])
        if (defined.exit != 0) return defined
        try {
            Result dumped = run(['virsh', '-q', '-c', uri, 'dumpxml', '--inactive', '--security-info',
                                 scratch.nameFor(name)])
            new Result(exit: dumped.exit, out: scratch.restore(dumped.out))
        } finally {
            Result gone = run(['virsh', '-q', '-c', uri, 'undefine', '--keep-nvram', scratch.scratchName])
            assert gone.exit == 0: "undefine ${scratch.scratchName}: ${gone}"
        }
    }

    private static String file(String xml) {
        File f = Files.createTempFile('passthru-domain', '.xml').toFile()
        f.deleteOnExit()
        f.setText(xml, 'UTF-8')
        f.path
    }

    private static Result run(List<String> argv) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.getText('UTF-8')
        new Result(exit: p.waitFor(), out: out)
    }
}
