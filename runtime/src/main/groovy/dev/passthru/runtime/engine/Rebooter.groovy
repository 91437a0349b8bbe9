package dev.passthru.runtime.engine

import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.HostKeyException
import dev.passthru.runtime.transport.HostUnreachableException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import dev.passthru.runtime.facts.CommonFacts
import groovy.transform.CompileStatic

import java.util.function.LongSupplier

import static dev.passthru.runtime.shell.ShellQuote.command

/**
 * Reboots a host and waits until it is back with a new /proc/sys/kernel/random/boot_id. The boot id,
 * not the time waited, decides that a reboot happened. Fails clearly when the host does not come back
 * in time, comes back with the same boot id, or comes back with a different host key.
 */
@CompileStatic
class Rebooter {
    /** Waits between attempts to reach the rebooting host; the CLI sleeps, the demo and tapes need not. */
    static interface Pause { void pause(long millis) throws InterruptedException }

    /** Prints the current boot's id (the same on every flavour: both are Linux). */
    static final String BOOT_ID = CommonFacts.BOOT_ID.command()
    /** Reboots the host (dom0 on XCP-ng reboots the whole host). */
    static final String REBOOT = command('reboot')

    private final Transport transport
    private final long timeoutMillis
    private final long pollMillis
    private final LongSupplier clockMillis
    private final Pause pause

    Rebooter(Transport transport, long timeoutMillis, long pollMillis, LongSupplier clockMillis, Pause pause) {
        this.transport = transport
        this.timeoutMillis = timeoutMillis
        this.pollMillis = pollMillis
        this.clockMillis = clockMillis
        this.pause = pause
    }

    /** Reboots and waits; returns the new boot id. */
    String reboot(Listener listener) throws Exception {
        HostShell sh = new HostShell(transport)
        String before = sh.out(BOOT_ID).trim()
        try {
            transport.run(REBOOT)
        } catch (ConnectionLostException ignored) {
            // the host dropped the connection while going down: that is what a reboot looks like
        }
        long start = clockMillis.asLong
        long deadline = start + timeoutMillis
        String lastSeen = null
        while (true) {
            long left = deadline - clockMillis.asLong
            listener.waitingForHost(Math.max(0L, (long) Math.ceil(left / 1000.0d)), before)
            if (left <= 0) {
                if (lastSeen == before) {
                    throw new StepFailedException("the host did not reboot: it still answers with boot_id ${before} " +
                            "after ${timeoutMillis.intdiv(1000)}s (did `${REBOOT}` run?)")
                }
                throw new StepFailedException("the host did not come back within ${timeoutMillis.intdiv(1000)}s " +
                        "after `${REBOOT}` (boot_id was ${before}); check its console")
            }
            try {
                transport.reconnect()
                String now = sh.out(BOOT_ID).trim()
                if (now != before) {
                    listener.hostBack(now, clockMillis.asLong - start)
                    return now
                }
                lastSeen = now
            } catch (HostKeyException e) {
                throw new StepFailedException("the host came back after the reboot with a different host key, so " +
                        "passthru stopped: ${e.message}")
            } catch (HostUnreachableException | ConnectionLostException e) {
                // still down, or going down: try again
            } catch (TransportException e) {
                throw new StepFailedException("reaching the host after the reboot failed: ${e.message}")
            }
            pause.pause(Math.min(pollMillis, Math.max(0L, deadline - clockMillis.asLong)))
        }
    }
}
