package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** Debian and Ubuntu: GRUB_CMDLINE_LINUX[_DEFAULT] in /etc/default/grub, then update-grub. */
@CompileStatic
final class GrubDefault implements BootLoader {
    private final KvmHost host

    GrubDefault(KvmHost host) { this.host = host }

    String describe() { "${KvmCommands.GRUB_DEFAULT} + update-grub".toString() }

    List<String> cmdline() { GrubDefaultFile.cmdline(text()) }

    List<Action> change(List<String> add, List<String> remove) {
        String before = text()
        String after = GrubDefaultFile.edit(before, add, remove)
        List<Action> actions = after != before ? host.writeFile(KvmCommands.GRUB_DEFAULT, after, true) : []
        actions + [new HostCommand(KvmCommands.updateGrub()) as Action]
    }

    String stale() { host.olderThan(KvmCommands.GRUB_CFG, KvmCommands.GRUB_DEFAULT, 'update-grub') }

    private String text() {
        String t = host.readOptional(KvmCommands.GRUB_DEFAULT)
        if (t == null) {
            throw new StepFailedException("${KvmCommands.GRUB_DEFAULT} does not exist, though update-grub does")
        }
        t
    }
}
