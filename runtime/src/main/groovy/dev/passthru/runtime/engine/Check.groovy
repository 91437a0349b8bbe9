package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/**
 * What a step found on the host before (or after) acting: in sync or not, the difference as
 * {@code - old} / {@code + new} lines, whether a reboot is still needed for it to take effect, and a
 * note for the user (e.g. a running VM that must be restarted).
 */
@CompileStatic
final class Check {
    final boolean inSync
    final List<String> diff
    final boolean rebootPending
    final String note

    private Check(boolean inSync, List<String> diff, boolean rebootPending, String note) {
        this.inSync = inSync
        this.diff = List.copyOf(diff)
        this.rebootPending = rebootPending
        this.note = note
    }

    static Check ok(String note = null) { new Check(true, [], false, note) }

    static Check change(List<String> diff, String note = null) { new Check(false, diff, false, note) }

    /** The host's configuration is as wanted, but takes effect only after a reboot. */
    static Check pendingReboot(String why) { new Check(true, [], true, why) }

    /** The same check, now also needing a reboot to take effect. */
    Check needingReboot() { new Check(inSync, diff, true, note) }
}
