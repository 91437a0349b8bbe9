package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/** How a host's kernel command line is configured for the next boot. */
@CompileStatic
interface BootLoader {
    /** For messages: the file or tool, e.g. {@code /etc/default/grub + update-grub}. */
    String describe()

    /** The command line configured for the next boot. */
    List<String> cmdline()

    /** Makes the change (see {@link KernelArgs}) and regenerates the boot configuration. */
    void change(List<String> add, List<String> remove)

    /** Why the boot configuration is older than the command line configured (an earlier run cut off in between), or null. */
    String stale()
}

/** Picks the host's own mechanism: Proxmox's /etc/kernel/cmdline, then grubby (RHEL, Fedora), then /etc/default/grub (Debian, Ubuntu). */
@CompileStatic
final class BootLoaders {
    private BootLoaders() {}

    static BootLoader choose(KvmHost host) {
        if ('proxmox-boot-tool' in host.tools && host.readOptional(KvmCommands.PROXMOX_CMDLINE) != null) return new ProxmoxCmdline(host)
        if ('grubby' in host.tools) return new Grubby(host)
        if ('update-grub' in host.tools) return new GrubDefault(host)
        throw new StepFailedException('this host has none of the boot-loader tools passthru drives (proxmox-boot-tool with /etc/kernel/cmdline, grubby, update-grub); set the kernel command line by hand')
    }
}

/** Debian and Ubuntu: GRUB_CMDLINE_LINUX[_DEFAULT] in /etc/default/grub, then update-grub. */
@CompileStatic
final class GrubDefault implements BootLoader {
    private final KvmHost host

    GrubDefault(KvmHost host) { this.host = host }

    String describe() { "${KvmCommands.GRUB_DEFAULT} + update-grub".toString() }

    List<String> cmdline() { GrubDefaultFile.cmdline(text()) }

    void change(List<String> add, List<String> remove) {
        String before = text()
        String after = GrubDefaultFile.edit(before, add, remove)
        if (after != before) host.writeFile(KvmCommands.GRUB_DEFAULT, after, true)
        host.shell.out(KvmCommands.updateGrub())
    }

    String stale() { host.olderThan(KvmCommands.GRUB_CFG, KvmCommands.GRUB_DEFAULT, 'update-grub') }

    private String text() {
        String t = host.readOptional(KvmCommands.GRUB_DEFAULT)
        if (t == null) throw new StepFailedException("${KvmCommands.GRUB_DEFAULT} does not exist, though update-grub does")
        t
    }
}

/** RHEL, Fedora: grubby reads and updates every installed kernel's arguments. */
@CompileStatic
final class Grubby implements BootLoader {
    private final KvmHost host

    Grubby(KvmHost host) { this.host = host }

    String describe() { 'grubby --update-kernel=ALL' }

    List<String> cmdline() { KvmOutput.grubbyArgs(host.shell.out(KvmCommands.grubbyInfo())) }

    void change(List<String> add, List<String> remove) {
        List<String> before = cmdline()
        List<String> after = KernelArgs.apply(before, add, remove)
        Set<String> keysAfter = after.collect { KernelArgs.key(it) }.toSet()
        List<String> gone = before.findAll { !after.contains(it) && !keysAfter.contains(KernelArgs.key(it)) }
        List<String> come = after.findAll { !before.contains(it) }
        if (gone || come) host.shell.out(KvmCommands.grubbyUpdate(come, gone))
    }

    /** grubby writes the boot entries itself, in the one command: never stale. */
    String stale() { null }
}

/** Proxmox VE (systemd-boot or proxmox-boot-tool managed GRUB): /etc/kernel/cmdline, then proxmox-boot-tool refresh. */
@CompileStatic
final class ProxmoxCmdline implements BootLoader {
    private final KvmHost host

    ProxmoxCmdline(KvmHost host) { this.host = host }

    String describe() { "${KvmCommands.PROXMOX_CMDLINE} + proxmox-boot-tool refresh".toString() }

    List<String> cmdline() { KvmOutput.cmdline(host.readOptional(KvmCommands.PROXMOX_CMDLINE) ?: '') }

    void change(List<String> add, List<String> remove) {
        List<String> before = cmdline()
        List<String> after = KernelArgs.apply(before, add, remove)
        if (after != before) host.writeFile(KvmCommands.PROXMOX_CMDLINE, after.join(' ') + '\n', true)
        host.shell.out(KvmCommands.proxmoxRefresh())
    }

    /** Not detected: the boot entries live on ESPs that are not mounted (a gap, see the README's fault matrix). */
    String stale() { null }
}
