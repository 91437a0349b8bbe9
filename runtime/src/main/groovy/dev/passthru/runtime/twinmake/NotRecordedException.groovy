package dev.passthru.runtime.twinmake

import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/** A command a recording cannot answer as the host was when the recording began; the message says why. */
@CompileStatic
class NotRecordedException extends TransportException {
    NotRecordedException(String message) { super(message) }
}
