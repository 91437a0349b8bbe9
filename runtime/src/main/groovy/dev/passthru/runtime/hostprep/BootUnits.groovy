package dev.passthru.runtime.hostprep

import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/**
 * The one mechanism host preparation persists through: read a passthru boot-time unit, and the actions that install
 * it (write the file, reload systemd, enable it, run it now) or take it away (disable, remove, reload).
 */
@CompileStatic
final class BootUnits {
    private BootUnits() {}

    /** The unit as the host has it, or null when there is none. */
    static BootUnit read(KvmHost host, String name, String description) {
        BootUnit.parse(name, description, host.readOptional("${BootUnit.DIR}/${name}".toString()))
    }

    static boolean enabled(KvmHost host, String name) { host.facts.read(PrepFacts.enabled(name)) }

    /** Whether the host has {@code unit} written and enabled, as it is. */
    static boolean installed(KvmHost host, BootUnit unit) {
        host.readOptional(unit.path()) == unit.text() && enabled(host, unit.name)
    }

    /** The diff lines for a unit not yet as wanted. */
    static List<String> diff(KvmHost host, BootUnit unit) {
        installed(host, unit) ? [] : ["+ ${unit.path()} (enabled) sets it at every boot".toString()]
    }

    /** Writes and enables {@code unit} when it is not so, then runs it now (a oneshot restart runs every line). */
    static List<Action> install(KvmHost host, BootUnit unit) {
        List<Action> actions = []
        if (host.readOptional(unit.path()) != unit.text()) {
            actions.addAll(host.writeFile(unit.path(), unit.text(), false))
            actions << (Action) new HostCommand(PrepCommands.daemonReload())
        }
        if (!enabled(host, unit.name)) actions << (Action) new HostCommand(PrepCommands.enable(unit.name))
        actions << (Action) new HostCommand(PrepCommands.restart(unit.name))
        actions
    }

    /** Installs {@code unit} when it has lines, else disables and removes it (when there). */
    static List<Action> keep(KvmHost host, BootUnit unit) {
        unit.lines ? install(host, unit) : uninstall(host, unit.name)
    }

    /** Disables the unit and removes its file. */
    static List<Action> uninstall(KvmHost host, String name) {
        String path = "${BootUnit.DIR}/${name}".toString()
        if (host.readOptional(path) == null && !enabled(host, name)) return []
        [new HostCommand(PrepCommands.disable(name)), host.removeFile(path),
         new HostCommand(PrepCommands.daemonReload())] as List<Action>
    }
}
