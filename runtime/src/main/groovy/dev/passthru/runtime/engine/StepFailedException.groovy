package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** A step that cannot be done or did not verify; the message is for the user as it is. */
@CompileStatic
class StepFailedException extends Exception {
    StepFailedException(String message) { super(message) }
}
