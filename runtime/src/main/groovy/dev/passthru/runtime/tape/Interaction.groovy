package dev.passthru.runtime.tape

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One entry of a tape: a command with its exit, stdout and stderr; or a command whose connection broke
 * ({@code error}); or an event ({@code reboot}: the host went away and came back).
 */
@CompileStatic
@EqualsAndHashCode
final class Interaction {
    static final String REBOOT = 'reboot'
    /** The error of a command whose connection broke before it ended. */
    static final String CONNECTION_LOST = 'connection lost'
    /** The error of a command abandoned at the command timeout. */
    static final String TIMED_OUT = 'timed out'

    final String command
    /** What the command was given on standard input; null when nothing. */
    final String stdin
    final Integer exit
    final String stdout
    final String stderr
    /** Set when the connection broke while the command ran (no exit status). */
    final String error
    /** Set for event entries; then every other field is null. */
    final String event

    private Interaction(String command, String stdin, Integer exit, String stdout, String stderr, String error,
            String event) {
        this.command = command
        this.stdin = stdin
        this.exit = exit
        this.stdout = stdout
        this.stderr = stderr
        this.error = error
        this.event = event
    }

    static Interaction of(CommandResult r, String stdin = null) {
        new Interaction(r.command, stdin, r.exit, r.stdout, r.stderr, null, null)
    }

    static Interaction command(String command, int exit, String stdout, String stderr, String stdin = null) {
        new Interaction(command, stdin, exit, stdout, stderr, null, null)
    }

    static Interaction failed(String command, String error) { failed(command, null, error) }

    static Interaction failed(String command, String stdin, String error) {
        new Interaction(command, stdin, null, null, null, error, null)
    }

    static Interaction reboot() { new Interaction(null, null, null, null, null, null, REBOOT) }

    CommandResult toResult() { new CommandResult(command, exit, stdout, stderr) }

    /** The same entry with every secret replaced. */
    Interaction redact(Redactor r) {
        event ? this : new Interaction(r.apply(command), r.apply(stdin), exit, r.apply(stdout), r.apply(stderr),
                r.apply(error), null)
    }

    @Override
    String toString() { event ? "event: ${event}" : "`${command}`" }
}
