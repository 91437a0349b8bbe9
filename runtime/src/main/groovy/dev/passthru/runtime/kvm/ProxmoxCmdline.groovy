package dev.passthru.runtime.kvm

import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** Proxmox VE (systemd-boot or proxmox-boot-tool managed GRUB): /etc/kernel/cmdline, then proxmox-boot-tool refresh. */
@CompileStatic
final class ProxmoxCmdline implements BootLoader {
    private final KvmHost host

    ProxmoxCmdline(KvmHost host) { this.host = host }

    String describe() { "${KvmCommands.PROXMOX_CMDLINE} + proxmox-boot-tool refresh".toString() }

    List<String> cmdline() { KvmOutput.cmdline(host.readOptional(KvmCommands.PROXMOX_CMDLINE) ?: '') }

    List<Action> change(List<String> add, List<String> remove) {
        List<String> before = cmdline()
        List<String> after = KernelArgs.apply(before, add, remove)
        List<Action> actions = after != before ? host.writeFile(KvmCommands.PROXMOX_CMDLINE, after.join(' ') + '\n',
                true) : []
        actions + [new HostCommand(KvmCommands.proxmoxRefresh()) as Action]
    }

    /** Not detected: the boot entries live on ESPs that are not mounted (a gap, see the README's fault matrix). */
    String stale() { null }
}
