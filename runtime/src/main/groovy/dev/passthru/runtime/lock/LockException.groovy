package dev.passthru.runtime.lock

import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/** The lock could not be taken or read for a reason other than another holder. */
@CompileStatic
class LockException extends TransportException {
    LockException(String message) { super(message) }
}
