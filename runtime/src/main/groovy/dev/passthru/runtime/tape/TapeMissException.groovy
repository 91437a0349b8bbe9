package dev.passthru.runtime.tape

import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/** A replayed command that the tape does not hold. */
@CompileStatic
class TapeMissException extends TransportException {
    TapeMissException(String message) { super(message) }
}
