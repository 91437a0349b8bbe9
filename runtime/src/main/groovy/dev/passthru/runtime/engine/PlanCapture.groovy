package dev.passthru.runtime.engine

import dev.passthru.runtime.interrupt.InterruptedRunException
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

/**
 * The transport of a plan. Normally it passes every command through. While {@link #listing} runs a step's apply,
 * reads still run (apply decides from them) but writes are recorded and answered "exit 0, no output" without
 * reaching the host, so the plan shows the commands apply would run and the host is not changed.
 */
@CompileStatic
class PlanCapture implements Transport {
    private final Transport host
    private List<PlannedCommand> listed
    private Set<String> reads

    PlanCapture(Transport host) { this.host = host }

    CommandResult run(String command) throws TransportException { run(command, null) }

    CommandResult run(String command, String stdin) throws TransportException {
        if (listed == null) return host.run(command, stdin)
        if (CommandKind.of(command) == CommandKind.READ) {
            if (!reads.add(command + '\u0000' + stdin) && listed) throw new WaitsForHost(command)
            return host.run(command, stdin)
        }
        listed << PlannedCommand.of(command, stdin)
        new CommandResult(command, 0, '', '')
    }

    /**
     * The commands {@code apply} would run, with a closing note when it would go on by waiting for the host
     * (the same read repeated after a write) or stop (an error the written-but-not-run commands lead to).
     */
    List<PlannedCommand> listing(Closure<?> apply) {
        List<PlannedCommand> out = []
        listed = out
        reads = [] as Set<String>
        try {
            apply.call()
        } catch (WaitsForHost w) {
            out << PlannedCommand.note("then waits until `${w.command}` shows the change")
        } catch (Exception e) {
            if (e instanceof InterruptedRunException || e instanceof InterruptedException ||
                    e instanceof TransportException) {
                throw e
            }
            out << PlannedCommand.note("apply would stop here: ${e.message}")
        } finally {
            listed = null
            reads = null
        }
        out
    }

    void reconnect() throws TransportException { host.reconnect() }

    String label() { host.label() }

    void close() { host.close() }

    /** Ends a listing: apply reads the same thing again, i.e. polls for the effect of a write that did not run. */
    private static final class WaitsForHost extends RuntimeException {
        final String command

        WaitsForHost(String command) {
            super(command, null, false, false)
            this.command = command
        }
    }
}
