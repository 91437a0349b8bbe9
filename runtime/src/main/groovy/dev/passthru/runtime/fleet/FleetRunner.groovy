package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Runs one job per host, at most {@code forks} at a time. By default a host that fails does not stop
 * the others; with {@code failFast}, hosts not yet started when one fails are skipped (running ones finish).
 */
@CompileStatic
class FleetRunner {
    /** Runs one host to its outcome; must not throw for a host's own trouble. */
    static interface HostJob { HostOutcome run(Inventory.Host host) }

    final int forks
    final boolean failFast

    FleetRunner(int forks, boolean failFast) {
        if (forks < 1) throw new IllegalArgumentException('--forks must be at least 1')
        this.forks = forks
        this.failFast = failFast
    }

    List<HostOutcome> run(List<Inventory.Host> hosts, HostJob job) {
        AtomicBoolean stop = new AtomicBoolean(false)
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, Math.max(1, hosts.size())))
        try {
            List<Future<HostOutcome>> futures = hosts.collect { Inventory.Host h ->
                pool.submit({
                    if (failFast && stop.get()) return HostOutcome.error(h, 'skipped', 'not run: another host failed and --fail-fast is on', 0L)
                    HostOutcome o
                    try {
                        o = job.run(h)
                    } catch (Exception e) {
                        o = HostOutcome.error(h, 'error', "${e.class.simpleName}: ${e.message}", 0L)
                    }
                    if (o.failed) stop.set(true)
                    o
                } as java.util.concurrent.Callable<HostOutcome>)
            }
            futures.collect { it.get() }
        } finally {
            pool.shutdownNow()
        }
    }

    /** The hosts of shard {@code i} of {@code n} (1-based): every n-th host of the list sorted by name, so every agent splits alike. */
    static List<Inventory.Host> shard(List<Inventory.Host> hosts, int i, int n) {
        if (n < 1 || i < 1 || i > n) throw new IllegalArgumentException("--shard ${i}/${n}: give I/N with 1 <= I <= N")
        hosts.sort(false) { it.name }.withIndex().findAll { Inventory.Host h, int k -> k % n == i - 1 }.collect { it.first }
    }
}
