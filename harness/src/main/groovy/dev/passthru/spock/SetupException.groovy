package dev.passthru.spock

import groovy.transform.CompileStatic

/** A feature's annotations contradict each other; the feature fails with this one line, its spec's others run. */
@CompileStatic
final class SetupException extends RuntimeException {
    SetupException(String message) { super(message) }
}
