package dev.passthru.runtime.operation

import dev.passthru.runtime.engine.PlannedCommand
import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/** What a verify-only step "does" when the host is not as it should be: fail, saying why. Changes nothing. */
@CompileStatic
final class FailAction implements Action {
    final String message

    FailAction(String message) { this.message = message }

    PlannedCommand planned() { PlannedCommand.note("apply would stop here: ${message}") }

    void run(ActionContext context) { throw new StepFailedException(message) }
}
