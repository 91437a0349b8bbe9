package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** Talking to the host failed (not the command: the channel to it). */
@CompileStatic
class TransportException extends IOException {
    TransportException(String message, Throwable cause = null) { super(message, cause) }
}
