package dev.passthru.spec.cli

import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** passthru replay is strict: unused tape entries and missing commands fail it (exit 2); --lenient accepts unused. */
class ReplayCommandSpec extends Specification {
    @TempDir
    Path tmp

    static final String START = 'xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'
    static final File FRESH = Repo.file('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml')

    /** The shipped nic-passthrough recipe without its start() step. */
    File withoutStart() {
        File f = tmp.resolve('nic.groovy').toFile()
        f.text = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').readLines()
                .findAll { !it.contains('start()') }.join('\n') + '\n'
        f
    }

    /** The shipped fresh tape without the vm-start entry. */
    File tapeWithoutStart() {
        Tape t = TapeReader.read(FRESH)
        File f = tmp.resolve('cut.yaml').toFile()
        f.text = TapeWriter.write(new Tape(t.host, t.flavour, t.recipe, t.source,
                t.interactions.findAll { Interaction i -> i.command != START }))
        f
    }

    def "a recipe replayed against its own tape passes: exit 0#flag"() {
        when:
        CliRun r = CliRun.of(tmp, ['replay', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--tape',
                                   FRESH.path] + flag)

        then:
        r.code == 0
        !r.err.contains('error:')

        where:
        flag << [[], ['--lenient']]
    }

    def "strict: a recipe that lost a step fails (exit 2) naming each command it no longer runs"() {
        when:
        CliRun r = CliRun.of(tmp, ['replay', withoutStart().path, '--tape', FRESH.path])

        then:
        r.code == 2
        r.err.readLines().contains("error: the recipe no longer runs `${START}` (on the tape)".toString())
    }

    def "--lenient: the same replay passes (exit 0), the unused entries only counted"() {
        when:
        CliRun r = CliRun.of(tmp, ['replay', withoutStart().path, '--tape', FRESH.path, '--lenient'])
        int n = TapeReader.read(FRESH).commands().size()

        then:
        r.code == 0
        !r.err.contains('no longer runs')
        r.out.contains("tape: ${n - 3} of ${n} recorded commands answered; not reached: ")
    }

    def "a command the tape lacks fails the replay (exit 2) naming the step and line#flag"() {
        given:
        File recipe = Repo.file('recipes/xcp-ng/nic-passthrough.groovy')
        int line = recipe.readLines().findIndexOf { it.contains('start()') } + 1

        when:
        CliRun r = CliRun.of(tmp, ['replay', recipe.path, '--tape', tapeWithoutStart().path] + flag)

        then:
        r.code == 2
        r.out.contains("${recipe.path}:${line}: host demo-xcp-ng-8.3 (tape ${tmp.resolve('cut.yaml')}), " +
                "step 'start VM 'router'': tape ${tmp.resolve('cut.yaml')} holds no answer for `${START}`")
        r.out =~ /(?m)^\[6\/6\] start VM 'router' \.+ FAILED /

        where:
        flag << [[], ['--lenient']]
    }

    def "a tape that does not exist is a usage error: exit 64"() {
        when:
        CliRun r = CliRun.of(tmp, ['replay', Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path, '--tape',
                                   tmp.resolve('none.yaml').toString()])

        then:
        r.code == 64
        r.err.readLines() == ["error: ${tmp.resolve('none.yaml')}: no such tape file".toString()]
    }
}
