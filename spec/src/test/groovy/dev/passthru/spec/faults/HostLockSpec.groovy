package dev.passthru.spec.faults

import dev.passthru.runtime.lock.HostLock
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** One run per host at a time: the lock over real SSH, as a second operator meets it. */
class HostLockSpec extends Specification {
    static final String RECIPE = 'recipes/kvm/vfio-gpu.groovy'
    @TempDir Path tmp
    @AutoCleanup ServedHost h
    @AutoCleanup SshTransport other

    def setup() { h = new ServedHost(tmp) }

    /** Another operator's connection to the same host. */
    HostLock otherOperator(Map<String, String> who) {
        other = new SshTransport(new SshTarget('root', '127.0.0.1', h.server.port),
                new SshOptions(knownHosts: h.knownHosts, identities: [h.key], defaultIdentities: false, connectTimeoutMs: 5000, commandTimeoutMs: 5000))
        new HostLock(other, [run: 'run-of-alice', recipe: 'recipes/other.groovy', operator: 'alice@ws7', pid: '4242', started: '2026-11-22T09:00:00Z'] + who)
    }

    def "a run in progress elsewhere stops this one before any change; it names who holds the lock"() {
        given:
        HostLock alice = otherOperator([:])
        assert alice.acquire(false).taken
        h.host.received.clear()

        when:
        int code = h.cli('apply', RECIPE)

        then:
        code == 2
        h.err.contains('the host is locked by run run-of-alice of alice@ws7 (pid 4242), applying recipes/other.groovy since 2026-11-22T09:00:00Z')
        h.err.contains('--break-lock')
        h.err.contains('nothing was changed on the host')
        h.host.received == ['mkdir -p /var/lib/passthru', 'mkdir /var/lib/passthru/lock', 'cat /var/lib/passthru/lock/owner']

        when: 'alice finishes'
        alice.release()

        then:
        h.cli('apply', RECIPE) == 0
        !h.locked()
    }

    def "of two takers at once exactly one gets the lock (mkdir is atomic)"() {
        given:
        HostLock alice = otherOperator([:])
        HostLock bob = new HostLock(h.host, [run: 'run-of-bob', recipe: 'r', operator: 'bob@ws8', pid: '1', started: 'now'])

        when:
        List<HostLock.Outcome> outcomes = [alice.acquire(false), bob.acquire(false)]

        then:
        outcomes*.taken == [true, false]
        outcomes[1].message.startsWith('the host is locked by run run-of-alice of alice@ws7')
    }

    def "--break-lock takes a lock from another machine and says whose it broke"() {
        given:
        otherOperator([:]).acquire(false)

        when:
        int code = h.cli('apply', RECIPE, '--break-lock')

        then:
        code == 0
        h.out.contains('lock: broke the lock of run run-of-alice of alice@ws7')
        !h.locked()
    }

    def "a lock left by a crashed run of this machine (its process is gone) is taken over with a note"() {
        given:
        Process dead = new ProcessBuilder('true').start()
        dead.waitFor()
        String me = HostLock.owner('x', 'y').operator
        otherOperator([operator: me, pid: "${dead.pid()}".toString(), run: 'crashed-run']).acquire(false)

        when:
        int code = h.cli('apply', RECIPE)

        then:
        code == 0
        h.out.contains("lock: took over a stale lock of run crashed-run of ${me} (pid ${dead.pid()})")
    }
}
