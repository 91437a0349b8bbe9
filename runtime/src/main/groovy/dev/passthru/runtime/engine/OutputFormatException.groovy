package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** A command printed something its parser cannot read; passthru stops rather than guess. */
@CompileStatic
class OutputFormatException extends StepFailedException {
    OutputFormatException(String message) { super(message) }
}
