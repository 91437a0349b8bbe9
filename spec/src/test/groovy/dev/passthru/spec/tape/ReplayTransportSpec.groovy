package dev.passthru.spec.tape

import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeMissException
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import spock.lang.Specification

class ReplayTransportSpec extends Specification {
    Tape tape = new Tape('lab', 'xcpng', 'spec', [
        Interaction.command('xl pci-assignable-list', 0, '', ''),
        Interaction.command('cat /proc/sys/kernel/random/boot_id', 0, 'aaa\n', ''),
        Interaction.failed('reboot', 'connection lost'),
        Interaction.reboot(),
        Interaction.command('cat /proc/sys/kernel/random/boot_id', 0, 'bbb\n', ''),
        Interaction.command('xl pci-assignable-list', 0, '0000:04:01.0\n', ''),
        Interaction.command('xl pci-assignable-list', 0, '0000:04:01.0\n0000:05:00.0\n', ''),
    ])
    ReplayTransport replay = new ReplayTransport(tape, 't.yaml')

    def "answers in recorded order within a boot, the last answer again after that, and moves on at a reboot"() {
        expect:
        replay.run('xl pci-assignable-list').stdout == ''
        replay.run('xl pci-assignable-list').stdout == ''
        replay.run('cat /proc/sys/kernel/random/boot_id').stdout == 'aaa\n'

        when:
        replay.run('reboot')

        then:
        thrown(ConnectionLostException)

        when:
        replay.reconnect()

        then:
        replay.run('cat /proc/sys/kernel/random/boot_id').stdout == 'bbb\n'
        replay.run('xl pci-assignable-list').stdout == '0000:04:01.0\n'
        replay.run('xl pci-assignable-list').stdout == '0000:04:01.0\n0000:05:00.0\n'
        replay.unused().isEmpty()
        replay.issued == ['xl pci-assignable-list', 'xl pci-assignable-list', 'cat /proc/sys/kernel/random/boot_id', 'reboot', 'event: reboot',
                          'cat /proc/sys/kernel/random/boot_id', 'xl pci-assignable-list', 'xl pci-assignable-list']
    }

    def "a read is answered from the state after the last write: a run that skips a recorded read still sees the write's effect"() {
        given: 'a session that read the power state twice before starting the VM, then once after'
        ReplayTransport r = new ReplayTransport(new Tape('h', 'xcpng', 'spec', [
            Interaction.command('xe vm-param-get uuid=u param-name=power-state', 0, 'halted\n', ''),
            Interaction.command('xe vm-param-get uuid=u param-name=power-state', 0, 'halted\n', ''),
            Interaction.command('xe vm-start uuid=u', 0, '', ''),
            Interaction.command('xe vm-param-get uuid=u param-name=power-state', 0, 'running\n', ''),
        ]), 't.yaml')

        when: 'this run reads it once (a step that read it was deleted), starts the VM and reads again'
        String before = r.run('xe vm-param-get uuid=u param-name=power-state').stdout
        r.run('xe vm-start uuid=u')
        String after = r.run('xe vm-param-get uuid=u param-name=power-state').stdout

        then: 'the read after the write gets the recorded state after it, and the skipped read is left unused'
        before == 'halted\n'
        after == 'running\n'
        r.unused()*.stdout == ['halted\n']
    }

    def "a recorded timeout replays as a timeout, a recorded drop as a drop"() {
        given:
        ReplayTransport r = new ReplayTransport(new Tape('lab', 'xcpng', 'spec', [
            Interaction.failed('sleep 999', Interaction.TIMED_OUT), Interaction.failed('reboot', Interaction.CONNECTION_LOST)]), 't.yaml')

        when:
        r.run('sleep 999')

        then:
        thrown(CommandTimeoutException)

        when:
        r.run('reboot')

        then:
        thrown(ConnectionLostException)
    }

    def "a command the tape does not hold fails, naming the closest recorded ones"() {
        when:
        replay.run('xl pci-assignable-lst')

        then:
        TapeMissException e = thrown()
        e.message.startsWith('tape t.yaml holds no answer for `xl pci-assignable-lst` in boot 1 of 2; closest recorded: `xl pci-assignable-list`')
    }
}
