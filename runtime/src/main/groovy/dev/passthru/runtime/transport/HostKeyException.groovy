package dev.passthru.runtime.transport

import groovy.transform.CompileStatic

/** The host's key is unknown or differs from known_hosts: nothing was sent to it. */
@CompileStatic
class HostKeyException extends TransportException {
    HostKeyException(String message) { super(message) }
}
