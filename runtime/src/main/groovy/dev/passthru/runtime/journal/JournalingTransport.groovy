package dev.passthru.runtime.journal

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/** Passes commands through and notes each in the journal, under the step that ran it. */
@CompileStatic
class JournalingTransport implements Transport {
    private final Transport inner
    private final Journal journal

    JournalingTransport(Transport inner, Journal journal) {
        this.inner = inner
        this.journal = journal
    }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        try {
            CommandResult r = inner.run(command, stdin)
            journal.command(command, r.exit, null)
            r
        } catch (TransportException e) {
            journal.command(command, null, e.class.simpleName)
            throw e
        }
    }

    @Override
    void reconnect() throws TransportException { inner.reconnect() }

    @Override
    String label() { inner.label() }

    @Override
    void close() { inner.close() }
}
