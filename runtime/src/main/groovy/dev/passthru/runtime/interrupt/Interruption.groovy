package dev.passthru.runtime.interrupt

import groovy.transform.CompileStatic

import java.util.concurrent.CopyOnWriteArraySet

/**
 * A request to stop (Ctrl-C or SIGTERM) shared by everything one CLI run does: the engine stops between steps,
 * waits (reboot, remote commands) are interrupted, fleets start no further host. Specs call {@link #request}.
 */
@CompileStatic
class Interruption {
    /** The exit code of an interrupted run (128 + SIGINT, as shells report it). */
    static final int EXIT_INTERRUPTED = 130

    private volatile String signal
    private final Set<Thread> workers = new CopyOnWriteArraySet<Thread>()

    /** True once a stop was asked for. */
    boolean isRequested() { signal != null }

    /** The signal that asked ("INT", "TERM"), or null. */
    String getSignal() { signal }

    /** Asks every registered worker thread to stop; later calls do nothing more. */
    synchronized void request(String name) {
        if (signal != null) return
        signal = name
        workers.each { Thread t -> t.interrupt() }
    }

    /** Registers the calling thread as doing the run's work (it is interrupted on a request). */
    void enter() {
        workers.add(Thread.currentThread())
        if (signal != null) Thread.currentThread().interrupt()
    }

    /** Unregisters the calling thread and clears its interrupt flag. */
    void leave() {
        workers.remove(Thread.currentThread())
        Thread.interrupted()
    }

    /** Throws {@link InterruptedRunException} when a stop was asked for: the check between two units of work. */
    void check() {
        if (signal != null) throw new InterruptedRunException(signal)
    }
}
