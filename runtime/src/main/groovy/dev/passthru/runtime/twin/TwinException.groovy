package dev.passthru.runtime.twin

import groovy.transform.CompileStatic

/** A twin file that is missing, not YAML or not a twin; the message is one line naming {@code FILE:LINE}. */
@CompileStatic
class TwinException extends IllegalArgumentException {
    TwinException(String message) { super(message) }
}
