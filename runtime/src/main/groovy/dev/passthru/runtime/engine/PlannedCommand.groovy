package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/**
 * One command apply would run, as a plan lists it: the command line and a summary of its standard input (never
 * the input itself: it may be a whole file); or, instead of a command, a note on where the listing stops.
 */
@CompileStatic
final class PlannedCommand {
    /** The command line; null for a note. */
    final String command
    /** "N lines, M bytes" of standard input; null when it has none. */
    final String stdin
    /** Why the listing stops here (apply would wait for the host, or stop); null for a command. */
    final String note

    private PlannedCommand(String command, String stdin, String note) {
        this.command = command
        this.stdin = stdin
        this.note = note
    }

    /** A command with its input, summarised. */
    static PlannedCommand of(String command, String stdin) {
        String summary = null
        if (stdin != null) {
            int lines = stdin.isEmpty() ? 0 : stdin.readLines().size()
            int bytes = stdin.getBytes('UTF-8').length
            summary = "${lines} line${lines == 1 ? '' : 's'}, ${bytes} byte${bytes == 1 ? '' : 's'}".toString()
        }
        new PlannedCommand(command, summary, null)
    }

    /** Where the listing stops, and why. */
    static PlannedCommand note(String why) { new PlannedCommand(null, null, why) }

    /** One line for the console: {@code $ command} (with {@code < stdin (...)}), or the note in parentheses. */
    String describe() {
        command == null ? "(${note})" : "\$ ${command}${stdin == null ? '' : " < stdin (${stdin})"}"
    }
}
