package dev.passthru.runtime.operation

import groovy.transform.CompileStatic

/**
 * What an operation found: in sync, or the difference ({@code - old} / {@code + new} lines) with the actions that
 * make it so; whether a reboot is still needed for it to take effect; the VM that must restart for it to take
 * effect; and a note for the user.
 */
@CompileStatic
final class Change {
    final boolean inSync
    final List<String> diff
    /** What apply runs, in order; empty when in sync. */
    final List<Action> actions
    final boolean rebootPending
    final String note
    /** The running VM whose persistent configuration this changes (restart it to take effect); null for none. */
    final String restartVm

    private Change(boolean inSync, List<String> diff, List<Action> actions, boolean rebootPending, String note,
            String restartVm) {
        this.inSync = inSync
        this.diff = List.copyOf(diff)
        this.actions = List.copyOf(actions)
        this.rebootPending = rebootPending
        this.note = note
        this.restartVm = restartVm
    }

    /** Already so. */
    static Change ok(String note = null) { new Change(true, [], [], false, note, null) }

    /** Not so: the diff, and the actions that make it so. */
    static Change of(List<String> diff, List<Action> actions, String note = null) {
        if (actions.isEmpty()) throw new IllegalArgumentException("a change needs actions: ${diff}")
        new Change(false, diff, actions, false, note, null)
    }

    /** The host's configuration is as wanted, but takes effect only after a reboot. */
    static Change pendingReboot(String why) { new Change(true, [], [], true, why, null) }

    /** The same change, also needing a reboot to take effect. */
    Change needingReboot() { new Change(inSync, diff, actions, true, note, restartVm) }

    /** The same change, made while {@code vm} runs: {@code what} (its new devices ...) takes effect at its next start.
     */
    Change restarting(String vm, String what) {
        String restart = "VM '${vm}' is running: restart it for ${what} to take effect"
        new Change(inSync, diff, actions, rebootPending, note ? "${note}; ${restart}".toString() : restart, vm)
    }
}
