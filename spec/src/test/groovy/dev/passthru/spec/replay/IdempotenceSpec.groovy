package dev.passthru.spec.replay

import dev.passthru.runtime.replay.Idempotence
import dev.passthru.runtime.replay.ReplayVerdict
import dev.passthru.runtime.replay.Replayed
import dev.passthru.runtime.replay.TapeReplayer
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * The idempotence check of passthru test: a replay in which every step was ok (the tape's run found the host in sync)
 * must have written nothing; a run that changed something is not judged by it.
 */
class IdempotenceSpec extends Specification {
    static final File RECIPE = Repo.file('recipes/xcp-ng/nic-passthrough.groovy')

    static Replayed replay(String kind) {
        File f = Repo.file("recipes/xcp-ng/tapes/nic-passthrough.${kind}.yaml")
        new TapeReplayer().replay(RECIPE, TapeReader.read(f), f.path)
    }

    def "a converged tape's replay writes nothing: the check applies and passes"() {
        when:
        Replayed r = replay('second-run')

        then:
        r.passed
        Idempotence.applies(r)
        r.verdict.writes.isEmpty()
        Idempotence.problems(r).isEmpty()
    }

    def "a write issued on a converged run (hand-edited copy of the tape holding it) breaks idempotence"() {
        given: 'the second-run tape, hand-edited to hold a write, which the run issues although every step was ok'
        Replayed clean = replay('second-run')
        Tape t = TapeReader.read(Repo.file('recipes/xcp-ng/tapes/nic-passthrough.second-run.yaml'))
        String write = 'xe vm-param-set uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c other-config:pci=0/0000:04:01.0'
        ReplayTransport edited = new ReplayTransport(new Tape(t.host, t.flavour, t.recipe, t.source,
                t.interactions + [Interaction.command(write, 0, '', '')]), 'edited.yaml')
        t.commands().each { String c -> edited.run(c) }
        edited.run(write)
        Replayed wrote = new Replayed(clean.result, ReplayVerdict.of(clean.result, edited, 'rerecord', false))

        expect:
        wrote.verdict.passed
        wrote.verdict.writes == [write]
        Idempotence.problems(wrote) == ["idempotence: every step was ok, yet the run wrote `${write}` " +
                '(a run on a host in sync must write nothing)']
    }

    def "a run that changed something is not judged by the check, though it wrote"() {
        when:
        Replayed r = replay('fresh')

        then:
        r.passed
        !r.verdict.writes.isEmpty()
        !Idempotence.applies(r)
        Idempotence.problems(r).isEmpty()
    }
}
