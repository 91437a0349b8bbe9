package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** A command ran longer than the command timeout; it was abandoned. */
@CompileStatic
class CommandTimeoutException extends TransportException {
    CommandTimeoutException(String message) { super(message) }
}
