package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** The connection broke while a command was running; its outcome on the host is unknown. */
@CompileStatic
class ConnectionLostException extends TransportException {
    ConnectionLostException(String message, Throwable cause = null) { super(message, cause) }
}
