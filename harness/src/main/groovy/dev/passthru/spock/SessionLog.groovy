package dev.passthru.spock

import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.TapeMissException
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * Everything a feature's session issued, in order ({@code event: reboot} between boots), and every tape miss. On a
 * tape, commands are redacted before they are matched, as they were before they were recorded.
 */
@CompileStatic
final class SessionLog implements Transport {
    private final Transport inner
    private final Redactor matching
    /** Commands issued, in order, as the host (or tape) saw them. */
    final List<String> issued = []
    /** What the tape could not answer, one message each. */
    final List<String> misses = []

    /** {@code matching}: redacts each command before {@code inner} sees it (a tape); null passes it as is. */
    SessionLog(Transport inner, Redactor matching) {
        this.inner = inner
        this.matching = matching
    }

    @Override
    String label() { inner.label() }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        String c = matching ? matching.apply(command) : command
        issued << c
        try {
            inner.run(c, matching ? matching.apply(stdin) : stdin)
        } catch (TapeMissException e) {
            misses << e.message
            throw e
        }
    }

    @Override
    void reconnect() throws TransportException {
        try {
            inner.reconnect()
        } catch (TapeMissException e) {
            misses << e.message
            throw e
        }
        issued << 'event: reboot'
    }

    @Override
    void close() { inner.close() }
}
