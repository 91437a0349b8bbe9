package dev.passthru.spec.engine

import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.HostKeyException
import dev.passthru.runtime.transport.HostUnreachableException
import dev.passthru.runtime.transport.Transport
import spock.lang.Specification

/**
 * The reboot wait, on a scripted host whose every reconnect does what the script says, and a clock
 * that moves only when the Rebooter pauses (so the spec never sleeps and never races).
 */
class RebooterSpec extends Specification {

    /** A host for the Rebooter: answers boot_id and reboot; each reconnect plays the next scripted outcome. */
    static class ScriptedHost implements Transport {
        String bootId = 'boot-1'
        List<Object> reconnects   // 'down', 'same', 'new', 'key-changed'
        int rebootCommands = 0

        CommandResult run(String c, String stdin) { run(c) }

        CommandResult run(String c) {
            if (c == 'reboot') { rebootCommands++; throw new ConnectionLostException('closed by remote host') }
            new CommandResult(c, 0, bootId + '\n', '')
        }

        void reconnect() {
            Object next = reconnects ? reconnects.remove(0) : 'down'
            switch (next) {
                case 'down': throw new HostUnreachableException('connection refused')
                case 'key-changed': throw new HostKeyException('HOST KEY CHANGED for [h]:22')
                case 'new': bootId = 'boot-2'; break
                case 'same': break
            }
        }

        String label() { 'scripted' }
        void close() {}
    }

    long now = 0
    List<Long> countdown = []
    Listener listener = new Listener() {
        void waitingForHost(long secondsLeft, String oldBootId) { countdown << secondsLeft }
    }

    Rebooter rebooter(ScriptedHost h, long timeout = 60_000L) {
        new Rebooter(h, timeout, 5_000L, { now }, { long ms -> now += ms } as Rebooter.Pause)
    }

    def "waits through the host being down and returns once it answers with a new boot id"() {
        given:
        ScriptedHost h = new ScriptedHost(reconnects: ['same', 'down', 'down', 'new'])

        expect:
        rebooter(h).reboot(listener) == 'boot-2'
        h.rebootCommands == 1
        countdown == [60L, 55L, 50L, 45L]
        now == 15_000L
    }

    def "a host that never comes back fails after the timeout, saying so"() {
        given:
        ScriptedHost h = new ScriptedHost(reconnects: [])

        when:
        rebooter(h, 20_000L).reboot(listener)

        then:
        StepFailedException e = thrown()
        e.message == 'the host did not come back within 20s after `reboot` (boot_id was boot-1); check its console'
        countdown.last() == 0L
    }

    def "a host that keeps its boot id did not reboot, and that is a different failure"() {
        given:
        ScriptedHost h = new ScriptedHost(reconnects: ['same'] * 10)

        when:
        rebooter(h, 20_000L).reboot(listener)

        then:
        StepFailedException e = thrown()
        e.message.startsWith('the host did not reboot: it still answers with boot_id boot-1 after 20s')
    }

    def "a host back with another host key stops the wait at once"() {
        given:
        ScriptedHost h = new ScriptedHost(reconnects: ['down', 'key-changed', 'new'])

        when:
        rebooter(h).reboot(listener)

        then:
        StepFailedException e = thrown()
        e.message.startsWith('the host came back after the reboot with a different host key, so passthru stopped: HOST KEY CHANGED')
        now == 5_000L
    }
}
