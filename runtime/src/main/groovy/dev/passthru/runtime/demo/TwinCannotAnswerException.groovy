package dev.passthru.runtime.demo

import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * A command a simulated host (a twin, a demo host) does not model: it says so instead of inventing output. Over
 * {@code passthru serve} the client gets the message on stderr and exit status {@link #EXIT}.
 */
@CompileStatic
class TwinCannotAnswerException extends TransportException {
    /** The exit status {@code serve} gives such a command (bash's "command not found" status). */
    static final int EXIT = 127

    final String command

    TwinCannotAnswerException(String command) {
        super("the twin cannot answer `${command}`; record a tape".toString())
        this.command = command
    }
}
