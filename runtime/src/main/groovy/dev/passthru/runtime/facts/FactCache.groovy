package dev.passthru.runtime.facts

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The results of one run's reads, by command line: a write forgets those that hold until a write, a reboot those
 * that hold until a reboot. One cache serves a whole run (the recipe's {@code facts}, preflight, the steps and
 * their verification).
 */
@CompileStatic
final class FactCache {
    private final Map<String, CommandResult> results = [:]
    private final Map<String, Lifetime> lifetimes = [:]

    /** The result read earlier for this command line, or null. */
    CommandResult get(String command) { results[command] }

    void put(String command, CommandResult result, Lifetime lifetime) {
        results[command] = result
        lifetimes[command] = lifetime
    }

    /** Something was written on the host: what a write may change is read again. */
    void written() {
        lifetimes.findAll { k, v -> v == Lifetime.UNTIL_WRITE }.keySet().each { String k ->
            results.remove(k)
            lifetimes.remove(k)
        }
    }

    /** The host rebooted (or the connection was remade for one): all but what holds for the run is read again. */
    void rebooted() {
        lifetimes.findAll { k, v -> v != Lifetime.RUN }.keySet().each { String k ->
            results.remove(k)
            lifetimes.remove(k)
        }
    }
}
