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
    static List<String> of(Tape expected, Tape actual) {
        List<Interaction> a = expected.interactions, b = actual.interactions
        List<String> out = []
        (0..<Math.max(a.size(), b.size())).each { int i ->
            Map x = i < a.size() ? seen(a[i]) : null, y = i < b.size() ? seen(b[i]) : null
            if (x != y) out << "entry ${i + 1}: expected ${x}\n  got ${y}".toString()
        }
        out
    }

    private static Map seen(Interaction i) {
        if (i.event) return [event: i.event]
        String c = i.command
        if (c == 'reboot') return [command: c]
        String stdout = i.stdout
        if (c == 'cat /proc/sys/kernel/random/boot_id') stdout = '<boot id>'
        if (c.startsWith('stat -c %Y ')) stdout = stdout?.replaceAll(/\d+/, '<mtime>')
        if (c.startsWith('dmesg')) stdout = stdout?.replaceAll(/\[\s*\d+\.\d+\]/, '[<time>]')
        [command: c, stdin: i.stdin, exit: i.exit, stdout: stdout, stderr: i.stderr, error: i.error]
    }
}
