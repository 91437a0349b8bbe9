package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** No connection could be opened: refused, no route, timed out, name unknown. */
@CompileStatic
class HostUnreachableException extends TransportException {
    HostUnreachableException(String message, Throwable cause = null) { super(message, cause) }
}
