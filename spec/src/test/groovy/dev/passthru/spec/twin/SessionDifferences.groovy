package dev.passthru.spec.twin

import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape

/**
 * What differs between two recorded sessions of the same recipe, entry by entry: the command, its input, exit status,
 * output and errors, and events. Only what no two runs of one real host share is left out: boot ids (random per
 * boot), file modification times (the wall clock), dmesg timestamps, and whether `reboot` answered before the
 * connection dropped (a race on a real host: the lab's dropbear usually answers, a twin made over SSH cannot know).
 */
class SessionDifferences {
    static List<String> of(Tape expected, Tape actual) { of(expected, actual, [] as Set) }

    /**
     * The same, not comparing the output of the commands in {@code notDerived}: those a twin made over read-only
     * commands cannot know (what a write prints, such as update-grub's progress), as its file says.
     */
    static List<String> of(Tape expected, Tape actual, Set<String> notDerived) {
        List<Interaction> a = expected.interactions, b = actual.interactions
        List<String> out = []
        (0..<Math.max(a.size(), b.size())).each { int i ->
            Map x = i < a.size() ? seen(a[i], notDerived) : null, y = i < b.size() ? seen(b[i], notDerived) : null
            if (x != y) out << "entry ${i + 1}: expected ${x}\n  got ${y}".toString()
        }
        out
    }

    private static Map seen(Interaction i, Set<String> notDerived) {
        if (i.event) return [event: i.event]
        String c = i.command
        if (c == 'reboot') return [command: c]
        if (c in notDerived) return [command: c, stdin: i.stdin, exit: i.exit]
        String stdout = i.stdout
        if (c == 'cat /proc/sys/kernel/random/boot_id') stdout = '<boot id>'
        if (c.startsWith('stat -c %Y ')) stdout = stdout?.replaceAll(/\d+/, '<mtime>')
        if (c.startsWith('dmesg')) stdout = stdout?.replaceAll(/\[\s*\d+\.\d+\]/, '[<time>]')
        [command: c, stdin: i.stdin, exit: i.exit, stdout: stdout, stderr: i.stderr, error: i.error]
    }
}
