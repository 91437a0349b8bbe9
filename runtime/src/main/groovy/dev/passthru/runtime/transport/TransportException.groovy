package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** Talking to the host failed (not the command: the channel to it). */
@CompileStatic
class TransportException extends IOException {
    TransportException(String message, Throwable cause = null) { super(message, cause) }
}

/** No connection could be opened: refused, no route, timed out, name unknown. */
@CompileStatic
class HostUnreachableException extends TransportException {
    HostUnreachableException(String message, Throwable cause = null) { super(message, cause) }
}

/** The connection broke while a command was running; its outcome on the host is unknown. */
@CompileStatic
class ConnectionLostException extends TransportException {
    ConnectionLostException(String message, Throwable cause = null) { super(message, cause) }
}

/** A command ran longer than the command timeout; it was abandoned. */
@CompileStatic
class CommandTimeoutException extends TransportException {
    CommandTimeoutException(String message) { super(message) }
}

/** The host's key is unknown or differs from known_hosts: nothing was sent to it. */
@CompileStatic
class HostKeyException extends TransportException {
    HostKeyException(String message) { super(message) }
}

/** The host refused every credential offered. */
@CompileStatic
class AuthenticationException extends TransportException {
    AuthenticationException(String message, Throwable cause = null) { super(message, cause) }
}
