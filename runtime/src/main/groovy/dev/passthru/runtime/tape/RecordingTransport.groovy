package dev.passthru.runtime.tape

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * Passes every command to a live transport and keeps what happened, to be written as a tape.
 * Secrets are redacted when the tape is made, before anything reaches the disk.
 */
@CompileStatic
class RecordingTransport implements Transport {
    private final Transport live
    private final Redactor redactor
    private final List<Interaction> recorded = []

    RecordingTransport(Transport live, Redactor redactor) {
        this.live = live
        this.redactor = redactor
    }

    @Override
    String label() { live.label() }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) throws TransportException {
        try {
            CommandResult r = live.run(command, stdin)
            recorded << Interaction.of(r, stdin)
            r
        } catch (ConnectionLostException e) {
            recorded << Interaction.failed(command, stdin, Interaction.CONNECTION_LOST)
            throw e
        } catch (CommandTimeoutException e) {
            recorded << Interaction.failed(command, stdin, Interaction.TIMED_OUT)
            throw e
        }
    }

    @Override
    void reconnect() throws TransportException {
        live.reconnect()
        recorded << Interaction.reboot()
    }

    /** The session so far as a tape, redacted. */
    Tape tape(String hostLabel, String flavour, String source) { tape(hostLabel, flavour, null, source) }

    /** The session so far as a tape made for {@code recipe} (its name, or null), redacted. */
    Tape tape(String hostLabel, String flavour, String recipe, String source) {
        new Tape(hostLabel, flavour, recipe, redactor.apply(source),
                recorded.collect { Interaction i -> i.redact(redactor) })
    }

    @Override
    void close() { live.close() }
}
