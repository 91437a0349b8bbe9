package dev.passthru.runtime.facts

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * A run's reader of facts: each fact's command runs once, then its value comes from the run's {@link FactCache}
 * until a write or a reboot through {@link #transport} makes it stale. A fact's command is a read by construction,
 * whatever shell syntax it uses, so reading never empties the cache.
 */
@CompileStatic
final class Facts {
    private final Transport host
    private final FactTransport transport
    private final FactCache cache

    /** Reads through {@code host}, remembering in {@code cache} (shared by everything one run reads). */
    Facts(Transport host, FactCache cache = new FactCache()) {
        this.host = host
        this.cache = cache
        this.transport = new FactTransport(host, cache)
    }

    /** The fact's value: from the cache when read since the last write (or reboot), else read now. */
    def <T> T read(Fact<T> fact) { fact.parse(result(fact)) }

    /** The fact read now, whatever the cache holds (polling for a change the host makes on its own). */
    def <T> T fresh(Fact<T> fact) {
        CommandResult r = host.run(fact.command())
        cache.put(fact.command(), r, fact.lifetime())
        fact.parse(r)
    }

    /** The transport for everything else this run sends (writes, reboots): it keeps the cache honest. */
    Transport transport() { transport }

    /** The host rebooted: nothing read before holds. */
    void rebooted() { cache.rebooted() }


    private CommandResult result(Fact<?> fact) {
        CommandResult r = cache.get(fact.command())
        if (r == null) {
            r = host.run(fact.command())
            cache.put(fact.command(), r, fact.lifetime())
        }
        r
    }
}
