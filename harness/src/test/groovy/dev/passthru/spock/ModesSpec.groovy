package dev.passthru.spock

import dev.passthru.runtime.tape.TapeReader
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Each tape mode, and the run-wide override by -Dpassthru.tape.mode, against the built-in demo host. */
class ModesSpec extends Specification {
    static final String RECIPE = Embedded.repo('recipes/xcp-ng/nic-passthrough.groovy').path
    static final File FRESH = Embedded.repo('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml')
    static final File SECOND = Embedded.repo('recipes/xcp-ng/tapes/nic-passthrough.second-run.yaml')

    @TempDir
    Path dir

    static final String CHANGED = 'run.passed && run.step(\'hide 0000:04:01.0\').changed'

    static String spec(String tape, String mode, String body = CHANGED) {
        """
        @Recipe('${RECIPE}')
        @Tape(value = '${tape}', mode = TapeMode.${mode}, allowReboot = true)
        class S extends Specification {
            def "f"(HostRun run) { expect: ${body} }
        }
        """
    }

    def "replay answers from the tape and never connects, even with an unreachable host given"() {
        when:
        def r = Embedded.run(spec(FRESH.path, 'REPLAY'), ['passthru.host': 'root@127.0.0.1:1'])

        then:
        r.testsSucceededCount == 1
        r.testsFailedCount == 0
    }

    def "record runs on the live host and writes the tape, which then replays strictly"() {
        given:
        File tape = dir.resolve('nic.yaml').toFile()

        when:
        def rec = Embedded.run(spec(tape.path, 'RECORD'), ['passthru.host': 'demo'])
        def replay = Embedded.run(spec(tape.path, 'REPLAY'))

        then:
        rec.testsSucceededCount == 1
        TapeReader.read(tape).host == 'demo-xcp-ng-8.3'
        TapeReader.read(tape).commands().contains(
                "/opt/xensource/libexec/xen-cmdline --set-dom0 'xen-pciback.hide=(0000:04:01.0)'")
        replay.testsSucceededCount == 1
    }

    def "a recording is kept when the feature fails: a live session cannot be made again"() {
        given:
        File tape = dir.resolve('failed.yaml').toFile()

        when:
        def r = Embedded.run(spec(tape.path, 'RECORD', '!run.passed'), ['passthru.host': 'demo'])

        then:
        r.testsFailedCount == 1
        TapeReader.read(tape).host == 'demo-xcp-ng-8.3'
    }

    def "a recording is kept when the run stops at a recipe mistake after reading the host"() {
        given:
        File recipe = dir.resolve('mistake.groovy').toFile()
        recipe.text = "def f = facts.nosuch\nrecipe('mistake') { reboot() }\n"
        File tape = dir.resolve('mistake.yaml').toFile()

        when:
        def r = Embedded.run("""
        @Recipe('${recipe.path}')
        @Tape(value = '${tape.path}', mode = TapeMode.RECORD, allowReboot = true)
        class S extends Specification {
            def "f"(HostRun run) { expect: run.passed }
        }
        """, ['passthru.host': 'demo'])

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains("the host has no fact 'nosuch'")
        TapeReader.read(tape).commands().contains('cat /etc/os-release')
    }

    def "once records when the tape file is missing"() {
        given:
        File tape = dir.resolve('once.yaml').toFile()

        when:
        def r = Embedded.run(spec(tape.path, 'ONCE'), ['passthru.host': 'demo'])

        then:
        r.testsSucceededCount == 1
        tape.file
        TapeReader.read(tape).host == 'demo-xcp-ng-8.3'
    }

    def "once replays a tape that exists: no host needed, the tape left as it was"() {
        given:
        File tape = dir.resolve('once.yaml').toFile()
        tape.text = FRESH.text

        when:
        def r = Embedded.run(spec(tape.path, 'ONCE'))

        then:
        r.testsSucceededCount == 1
        r.testsSkippedCount == 0
        tape.text == FRESH.text
    }

    def "all re-records a tape that exists"() {
        given: 'a stale tape: the converged host, where hide changes nothing'
        File tape = dir.resolve('all.yaml').toFile()
        tape.text = SECOND.text

        when:
        def r = Embedded.run(spec(tape.path, 'ALL'), ['passthru.host': 'demo'])

        then:
        r.testsSucceededCount == 1
        tape.text != SECOND.text
        TapeReader.read(tape).commands().contains(
                "/opt/xensource/libexec/xen-cmdline --set-dom0 'xen-pciback.hide=(0000:04:01.0)'")
    }

    def "a feature needing a live host is skipped, with the reason, when none is given"() {
        when:
        def r = Embedded.run(spec(dir.resolve('x.yaml').toString(), mode))

        then:
        r.testsSkippedCount == 1
        r.testsFailedCount == 0
        r.testsSucceededCount == 0

        where:
        mode << ['RECORD', 'ALL', 'ONCE']
    }

    def "-Dpassthru.tape.mode overrides the annotation for the whole run"() {
        given:
        File tape = dir.resolve('override.yaml').toFile()

        when: 'a replay feature whose tape is missing, run with the record switch'
        def rec = Embedded.run(spec(tape.path, 'REPLAY'), ['passthru.tape.mode': 'record', 'passthru.host': 'demo'])

        and: 'a record feature, run with the replay switch and no host'
        def replay = Embedded.run(spec(tape.path, 'RECORD'), ['passthru.tape.mode': 'replay'])

        then:
        rec.testsSucceededCount == 1
        tape.file
        replay.testsSucceededCount == 1
        replay.testsSkippedCount == 0
    }

    def "a replay whose tape does not exist fails, saying how to record it"() {
        when:
        def r = Embedded.run(spec(dir.resolve('none.yaml').toString(), 'REPLAY'))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains('none.yaml does not exist')
        Embedded.failures(r).contains('-Dpassthru.tape.mode=all -Dpassthru.host=USER@HOST')
    }
}
