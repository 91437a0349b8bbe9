package dev.passthru.runtime.engine

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/** A step that cannot be done or did not verify; the message is for the user as it is. */
@CompileStatic
class StepFailedException extends Exception {
    StepFailedException(String message) { super(message) }
}

/** A remote command exited non-zero where success was needed. */
@CompileStatic
class RemoteCommandException extends StepFailedException {
    final CommandResult result

    RemoteCommandException(CommandResult r) {
        super("`${r.command}` failed with exit ${r.exit}" + (r.stderr?.trim() ? ": ${r.stderr.trim().readLines().first()}" : ''))
        this.result = r
    }
}

/** A command printed something its parser cannot read; passthru stops rather than guess. */
@CompileStatic
class OutputFormatException extends StepFailedException {
    OutputFormatException(String message) { super(message) }
}
