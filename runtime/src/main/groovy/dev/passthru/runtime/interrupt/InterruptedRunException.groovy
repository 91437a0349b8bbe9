package dev.passthru.runtime.interrupt

import groovy.transform.CompileStatic

/** Thrown where a run stops because of Ctrl-C or SIGTERM; carries the signal's name. */
@CompileStatic
class InterruptedRunException extends RuntimeException {
    final String signal

    InterruptedRunException(String signal) {
        super("interrupted (SIG${signal})")
        this.signal = signal
    }
}
