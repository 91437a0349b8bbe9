package dev.passthru.runtime.fleet

import dev.passthru.runtime.interrupt.InterruptedRunException
import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic

import java.util.concurrent.Callable
import java.util.concurrent.ExecutionException
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Runs one job per host, at most {@code forks} at a time. By default a host that fails does not stop
 * the others; with {@code failFast}, hosts not yet started when one fails are skipped (running ones finish).
 * After an interruption (Ctrl-C, SIGTERM) no further host starts: those are {@code interrupted}, and so is a
 * host whose job stops with {@link InterruptedRunException}. A job that throws anything else fails its host only.
 */
@CompileStatic
class FleetRunner {
    /** Runs one host to its outcome; must not throw for a host's own trouble. */
    static interface HostJob { HostOutcome run(Inventory.Host host) }

    final int forks
    final boolean failFast
    final Interruption interruption

    FleetRunner(int forks, boolean failFast, Interruption interruption = new Interruption()) {
        if (forks < 1) throw new IllegalArgumentException('--forks must be at least 1')
        this.forks = forks
        this.failFast = failFast
        this.interruption = interruption
    }

    List<HostOutcome> run(List<Inventory.Host> hosts, HostJob job) {
        AtomicBoolean stop = new AtomicBoolean(false)
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, Math.max(1, hosts.size())))
        try {
            List<Future<HostOutcome>> futures = hosts.collect { Inventory.Host h ->
                pool.submit({
                    HostOutcome o = one(h, job, stop.get())
                    if (o.failed) stop.set(true)
                    o
                } as Callable<HostOutcome>)
            }
            futures.collect { Future<HostOutcome> f -> outcome(f) }
        } finally {
            pool.shutdownNow()
        }
    }

    /**
     * A host's outcome, waited for even if this thread is interrupted: on Ctrl-C the hosts' own threads are
     * interrupted and end as interrupted; the fleet still needs every outcome to write its reports.
     */
    private static HostOutcome outcome(Future<HostOutcome> f) {
        while (true) {
            try {
                return f.get()
            } catch (InterruptedException ignored) {
                // keep waiting: the interruption reaches the hosts through their own threads
            } catch (ExecutionException e) {
                throw e.cause
            }
        }
    }

    private HostOutcome one(Inventory.Host h, HostJob job, boolean anotherFailed) {
        interruption.enter()
        try {
            if (interruption.requested) {
                return HostOutcome.error(h, 'interrupted', "not started: interrupted (SIG${interruption.signal})", 0L)
            }
            if (failFast && anotherFailed) {
                return HostOutcome.error(h, 'skipped', 'not run: another host failed and --fail-fast is on', 0L)
            }
            return job.run(h)
        } catch (InterruptedRunException e) {
            return HostOutcome.error(h, 'interrupted', e.message, 0L)
        } catch (Throwable e) {
            if (fatal(e)) throw e
            return HostOutcome.error(h, 'error', oneLine(e), 0L)
        } finally {
            interruption.leave()
        }
    }

    /** Errors a host job must not swallow: the JVM itself is in trouble (a StackOverflowError is the host's own). */
    static boolean fatal(Throwable e) { e instanceof VirtualMachineError && !(e instanceof StackOverflowError) }

    /** An unexpected exception in one line: its class and the first line of its message. */
    static String oneLine(Throwable e) {
        String first = e.message?.readLines()?.find { it.trim() }?.trim()
        "${e.class.simpleName}${first ? ': ' + first : ''}".toString()
    }

    /**
     * The hosts of shard {@code i} of {@code n} (1-based): every n-th host of the list sorted by name, so every agent
     * splits alike.
     */
    static List<Inventory.Host> shard(List<Inventory.Host> hosts, int i, int n) {
        if (n < 1 || i < 1 || i > n) throw new IllegalArgumentException("--shard ${i}/${n}: give I/N with 1 <= I <= N")
        hosts.sort(false) { it.name }.withIndex().findAll { Inventory.Host h, int k -> k % n == i - 1 }.collect {
            it.first
        }
    }
}
