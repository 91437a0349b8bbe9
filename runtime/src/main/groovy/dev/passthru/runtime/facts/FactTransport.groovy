package dev.passthru.runtime.facts

import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * The transport a run's flavour, engine and rebooter use: every command passes through, and the run's
 * {@link FactCache} forgets what a write (by {@link ReadCommands}) or a reconnect (a reboot) may have changed.
 */
@CompileStatic
final class FactTransport implements Transport {
    private final Transport host
    private final FactCache cache

    FactTransport(Transport host, FactCache cache) {
        this.host = host
        this.cache = cache
    }

    CommandResult run(String command) throws TransportException { run(command, null) }

    CommandResult run(String command, String stdin) throws TransportException {
        if (ReadCommands.of(command, stdin) == CommandKind.WRITE) cache.written()
        host.run(command, stdin)
    }

    void reconnect() throws TransportException {
        cache.rebooted()
        host.reconnect()
    }

    String label() { host.label() }

    void close() { host.close() }
}
