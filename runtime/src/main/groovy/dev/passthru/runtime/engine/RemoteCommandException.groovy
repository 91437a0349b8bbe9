package dev.passthru.runtime.engine

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * A remote command exited non-zero where success was needed. The message quotes its whole standard error
 * (up to {@link #MAX_LINES} lines): tools such as xe print a description line and then one {@code param: value}
 * line per error parameter, and the cause is often in those. One line of stderr stays on the first line of the
 * message; several follow it, one per line (printers indent them).
 */
@CompileStatic
class RemoteCommandException extends StepFailedException {
    static final int MAX_LINES = 100
    final CommandResult result

    RemoteCommandException(CommandResult r) {
        super(message(r))
        this.result = r
    }

    /** {@code `cmd` failed with exit N}, then what it printed on stderr: after a colon when one line, else below. */
    static String message(CommandResult r) {
        String head = "`${r.command}` failed with exit ${r.exit}"
        List<String> lines = (r.stderr ?: '').readLines()*.stripTrailing().findAll { String l -> l.trim() }
        if (lines.isEmpty()) return head
        if (lines.size() == 1) return "${head}: ${lines[0].trim()}"
        List<String> shown = lines.take(MAX_LINES)
        String more = lines.size() > MAX_LINES ? "\n(${lines.size() - MAX_LINES} more lines of stderr not shown)" : ''
        "${head}:\n${shown.join('\n')}${more}"
    }
}
