package dev.passthru.runtime.lock

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/**
 * One apply per host at a time. The lock is a directory on the host, {@link #DIR}, made with mkdir
 * (atomic: of two operators, exactly one succeeds), on persistent storage so it holds across the run's
 * own reboot. An owner file inside says who holds it. A lock is stale when its owner ran on this
 * machine and either that process is gone (a crash) or this machine's journal of that run says it
 * ended (it could not release the lock, e.g. the host was unreachable at the end); a stale lock is taken
 * over with a note. A lock held from another machine is broken only with --break-lock, after the
 * operator has read who holds it.
 */
@CompileStatic
class HostLock {
    static final String DIR = '/var/lib/passthru/lock'
    static final String OWNER = "${DIR}/owner"

    private final Transport transport
    private final Map<String, String> me
    private final java.util.function.Predicate<String> runEnded
    private boolean held = false
    private boolean taken = false

    /**
     * {@code me}: run, recipe, operator (user@machine), pid, started; {@code runEnded}: whether this machine's run of
     * that id has ended.
     */
    HostLock(Transport transport, Map<String, String> me,
            java.util.function.Predicate<String> runEnded =
                    { String r -> false } as java.util.function.Predicate<String>) {
        this.transport = transport
        this.me = me
        this.runEnded = runEnded
    }

    /** The owner record of this process for a run. */
    static Map<String, String> owner(String runId, String recipe) {
        String machine = (System.getenv('HOSTNAME') ?: InetAddress.localHost.hostName)
        [run: runId, recipe: recipe, operator: "${System.getProperty('user.name')}@${machine}".toString(),
         pid: "${ProcessHandle.current().pid()}".toString(), started: java.time.Instant.now().toString()]
                as Map<String, String>
    }

    /** The outcome of trying to take the lock. */
    static final class Outcome {
        final boolean taken
        final String message
        Outcome(boolean taken, String message) { this.taken = taken; this.message = message }
    }

    Outcome acquire(boolean breakLock) throws TransportException {
        must(command('mkdir', '-p', DIR.substring(0, DIR.lastIndexOf('/'))))
        CommandResult made = transport.run(command('mkdir', DIR))
        if (made.exit == 0) return take(null)
        if (!made.stderr.contains('File exists')) {
            throw new LockException("cannot make the lock ${DIR}: ${made.stderr.trim()}")
        }
        CommandResult read = transport.run(command('cat', OWNER))
        Map<String, String> holder = read.exit == 0 ? parse(read.stdout) : [:] as Map<String, String>
        String who = holder
                ? "run ${holder.run} of ${holder.operator} (pid ${holder.pid}), applying " +
                        "${holder.recipe} since ${holder.started}"
                : 'an owner that left no record (a run killed while taking the lock)'
        boolean mine = holder && holder.operator == me.operator
        boolean stale = mine && ((holder.pid && !ProcessHandle.of(holder.pid as long).isPresent()) ||
                (holder.run && runEnded.test(holder.run)))
        if (!breakLock && !stale) {
            return new Outcome(false, "the host is locked by ${who}; two runs must not change one host at once. If " +
                    "that run is dead, run again with --break-lock (the lock is ${DIR} on the host)")
        }
        must(command('rm', '-r', DIR))
        CommandResult again = transport.run(command('mkdir', DIR))
        if (again.exit != 0) {
            return new Outcome(false, "the host was locked again by another run while breaking a stale lock: " +
                    "${again.stderr.trim()}")
        }
        take("${stale && !breakLock ? 'took over a stale lock' : 'broke the lock'} of ${who}".toString())
    }

    private Outcome take(String note) {
        String text = me.collect { String k, String v -> "${k}: ${v}\n" }.join('')
        CommandResult w = transport.run(command('install', '-m', '0644', '/dev/stdin', OWNER), text)
        held = true
        taken = true
        if (w.exit != 0) {
            throw new LockException("took the lock ${DIR} but cannot write its owner file: ${w.stderr.trim()}")
        }
        new Outcome(true, note)
    }

    /** True once this run took the lock (whether or not it has given it back since). */
    boolean wasTaken() { taken }

    /** Gives the lock back; says why not if it cannot (the host is unreachable, say), and then the lock stays. */
    String release() {
        if (!held) return null
        try {
            CommandResult r = transport.run(command('rm', '-r', DIR))
            held = false
            r.exit == 0 ? null : "could not remove the host lock ${DIR}: ${r.stderr.trim()}".toString()
        } catch (TransportException e) {
            ("could not remove the host lock ${DIR} (${e.message}); " +
                    'the next run from this machine takes it over, others need --break-lock').toString()
        }
    }

    private void must(String cmd) {
        CommandResult r = transport.run(cmd)
        if (r.exit != 0) throw new LockException("`${cmd}` failed: ${r.stderr.trim()}")
    }

    static Map<String, String> parse(String text) {
        Map<String, String> m = [:]
        text.readLines().each { String l ->
            int c = l.indexOf(': ')
            if (c > 0) m[l.substring(0, c)] = l.substring(c + 2)
        }
        m
    }
}
