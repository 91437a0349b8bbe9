package dev.passthru.runtime.tape

import groovy.transform.CompileStatic

/** A tape file that cannot be read. */
@CompileStatic
class TapeFormatException extends RuntimeException {
    TapeFormatException(String message) { super(message) }
}
