package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** The host refused every credential offered. */
@CompileStatic
class AuthenticationException extends TransportException {
    AuthenticationException(String message, Throwable cause = null) { super(message, cause) }
}
