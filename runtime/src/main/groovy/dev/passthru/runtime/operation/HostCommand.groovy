package dev.passthru.runtime.operation

import dev.passthru.runtime.engine.PlannedCommand
import groovy.transform.CompileStatic

/** A command apply runs (with its standard input, if any); a non-zero exit fails the step. */
@CompileStatic
final class HostCommand implements Action {
    final String command
    final String stdin

    HostCommand(String command, String stdin = null) {
        this.command = command
        this.stdin = stdin
    }

    PlannedCommand planned() { PlannedCommand.of(command, stdin) }

    void run(ActionContext context) { context.shell.out(command, stdin) }

    String toString() { command }
}
