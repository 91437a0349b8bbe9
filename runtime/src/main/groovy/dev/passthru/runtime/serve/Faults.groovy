package dev.passthru.runtime.serve

import groovy.transform.CompileStatic

import java.util.concurrent.atomic.AtomicInteger

/**
 * Faults a {@link DemoSshServer} injects on request, counted rather than timed so specs stay
 * deterministic: drop the connection before or after the Nth match of a command (after: it ran, the
 * reply is lost), hang on it, send its output slowly, make it fail (exit 1, nothing done), or refuse the
 * next N connections (a host still booting).
 */
@CompileStatic
class Faults {
    enum Action { NONE, DROP_BEFORE, DROP_AFTER, HANG, SLOW, FAIL }

    private final List<Map<String, Object>> rules = []
    private final AtomicInteger refusals = new AtomicInteger()
    /** How many times each kind of fault fired. */
    final Map<String, Integer> fired = [:].withDefault { 0 } as Map<String, Integer>
    /** Counts down when a command hangs, so a spec can wait for it without sleeping. */
    final java.util.concurrent.Semaphore hangs = new java.util.concurrent.Semaphore(0)
    /** Each slow line waits for this long (the client sees output trickle in). */
    long slowLineMillis = 20

    /** The {@code occurrence}-th command (1-based) starting with {@code prefix} gets {@code action}, once. */
    synchronized Faults on(String fragment, Action action, int occurrence = 1) {
        rules << ([fragment: fragment, action: action, left: occurrence] as Map<String, Object>)
        this
    }

    /** Refuse the next {@code n} connections, as a host whose sshd is not up yet. */
    Faults refuse(int n) { refusals.set(n); this }

    /**
     * After a command starting with {@code fragment} drops the connection (a reboot), refuse the next {@code n}
     * connections.
     */
    Faults refuseAfter(String fragment, int n) { refuseAfter[fragment] = n; this }

    private final Map<String, Integer> refuseAfter = [:]
    private final Set<String> newKeyAfter = []
    /** Set by the server: gives it a new host key (the host was reinstalled, or it is not the same host). */
    Runnable changeHostKey

    /**
     * After a command starting with {@code fragment} drops the connection, the host comes back with another host key.
     */
    Faults newHostKeyAfter(String fragment) { newKeyAfter << fragment; this }

    /** Called when a command dropped the connection. */
    synchronized void dropped(String command) {
        String key = refuseAfter.keySet().find { command.startsWith(it) }
        if (key != null) refuse(refuseAfter.remove(key))
        String k = newKeyAfter.find { command.startsWith(it) }
        if (k != null) {
            newKeyAfter.remove(k)
            changeHostKey?.run()
            fired['NEW_HOST_KEY'] = fired['NEW_HOST_KEY'] + 1
        }
    }

    synchronized Action before(String command) {
        Map<String, Object> rule = rules.find { Map<String, Object> r ->
            command.startsWith((String) r.fragment) && (r.left = (int) r.left - 1) == 0
        }
        if (rule == null) return Action.NONE
        rules.remove(rule)
        Action a = (Action) rule.action
        fired[a.name()] = fired[a.name()] + 1
        a
    }

    boolean refuseConnection() {
        boolean refuse = refusals.getAndUpdate { int n -> n > 0 ? n - 1 : 0 } > 0
        if (refuse) synchronized (this) { fired['REFUSED'] = fired['REFUSED'] + 1 }
        refuse
    }

    void hung() { hangs.release() }

    void slowLine() { Thread.sleep(slowLineMillis) }
}
