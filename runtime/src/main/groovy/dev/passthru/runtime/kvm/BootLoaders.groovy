package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/**
 * Picks the host's own mechanism: Proxmox's /etc/kernel/cmdline, then grubby (RHEL, Fedora), then /etc/default/grub
 * (Debian, Ubuntu).
 */
@CompileStatic
final class BootLoaders {
    private BootLoaders() {}

    static BootLoader choose(KvmHost host) {
        if ('proxmox-boot-tool' in host.tools && host.readOptional(KvmCommands.PROXMOX_CMDLINE) != null) {
            return new ProxmoxCmdline(host)
        }
        if ('grubby' in host.tools) return new Grubby(host)
        if ('update-grub' in host.tools) return new GrubDefault(host)
        throw new StepFailedException('this host has none of the boot-loader tools passthru drives ' +
                '(proxmox-boot-tool with /etc/kernel/cmdline, grubby, update-grub); ' +
                'set the kernel command line by hand')
    }
}
