package dev.passthru.spock

import dev.passthru.runtime.tape.TapeReader
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Live runs on the built-in demo hosts: a reboot refused unless allowed, secrets redacted before the tape is written
 * and before replayed commands are matched, applyAgain on a live session and on its tape.
 */
class LiveSpec extends Specification {
    static final String NIC = Embedded.repo('recipes/xcp-ng/nic-passthrough.groovy').path

    @TempDir
    Path dir

    static String spec(String recipe, String tape, String mode, boolean allowReboot, String body) {
        """
        @Recipe('${recipe}')
        @Tape(value = '${tape}', mode = TapeMode.${mode}, allowReboot = ${allowReboot})
        class LiveS extends Specification {
            def "f"(HostRun run, Host host) { expect: ${body} }
        }
        """
    }

    def "a live run that would reboot is refused without allowReboot, before it changes or records anything"() {
        given:
        File tape = dir.resolve('nic.yaml').toFile()

        when:
        def r = Embedded.run(spec(NIC, tape.path, 'RECORD', false, 'true'), ['passthru.host': 'demo'])

        then:
        r.testsFailedCount == 1
        Embedded.failures(r) == "refused: nic-passthrough.groovy would reboot demo-xcp-ng-8.3 (step 2 " +
                "'reboot (if needed)', line 9); give @Tape(allowReboot = true) to let a live run reboot it"
        !tape.exists()
    }

    def "with allowReboot the live run reboots, and the host readers read the live host after it"() {
        given:
        File tape = dir.resolve('nic.yaml').toFile()

        when:
        def r = Embedded.run(spec(NIC, tape.path, 'RECORD', true,
                "run.rebooted && host.pci('0000:04:01.0').assignable" +
                " && host.pci('0000:04:01.0').numaNode == 0 && host.vm('router').state == 'running'"),
                ['passthru.host': 'demo'])

        then:
        r.testsSucceededCount == 1
        TapeReader.read(tape).interactions.any { it.event }
    }

    def "a live run that would not reboot needs no allowReboot"() {
        given: 'the KVM demo host, where the recipe starts a VM: nothing that needs a reboot'
        File recipe = dir.resolve('check.groovy').toFile()
        recipe.text = "recipe('check') {\n    vm('win10') { start() }\n    reboot()\n}\n"

        when:
        def r = Embedded.run(spec(recipe.path, dir.resolve('check.yaml').toString(), 'RECORD', false,
                "run.problems == [] && !run.rebooted && run.step('start VM \\'win10\\'').changed"),
                ['passthru.host': 'demo-kvm'])

        then:
        Embedded.failures(r) == ''
        r.testsSucceededCount == 1
    }

    def "a secret in a recorded command never reaches the tape, and the replay still matches it"() {
        given: 'the VM name is the secret (passthru.password): the recipe puts it in xe vm-list name-label=...'
        File tape = dir.resolve('secret.yaml').toFile()
        String body = "run.step('start VM \\'router\\'').changed"

        when:
        def rec = Embedded.run(spec(NIC, tape.path, 'RECORD', true, body),
                ['passthru.host': 'demo', 'passthru.password': 'router'])
        def replay = Embedded.run(spec(NIC, tape.path, 'REPLAY', true, body), ['passthru.password': 'router'])
        def unredacted = Embedded.run(spec(NIC, tape.path, 'REPLAY', true, body))

        then:
        rec.testsSucceededCount == 1
        !tape.text.contains('router')
        tape.text.contains('xe vm-list name-label=<redacted> --minimal')
        replay.testsSucceededCount == 1
        unredacted.testsFailedCount == 1
        Embedded.failures(unredacted).contains('holds no answer for `xe vm-list name-label=router --minimal`')
    }

    def "applyAgain continues the session: live, appended to the tape; replayed, from the entries that follow"() {
        given: 'a recipe that never converges: it starts the VM and stops it again'
        File recipe = dir.resolve('flip.groovy').toFile()
        recipe.text = "recipe('flip') {\n    vm('router') {\n        start()\n        stop()\n    }\n}\n"
        File tape = dir.resolve('flip.yaml').toFile()
        String body = "run.passed && !run.wroteNothing() && !run.applyAgain().wroteNothing() && " +
                "run.writes == ['xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c', " +
                "'xe vm-shutdown uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c']"

        when:
        def rec = Embedded.run(spec(recipe.path, tape.path, 'RECORD', false, body), ['passthru.host': 'demo'])
        def replay = Embedded.run(spec(recipe.path, tape.path, 'REPLAY', false, body))
        def once = Embedded.run(spec(recipe.path, tape.path, 'REPLAY', false, '!run.wroteNothing()'))

        then:
        rec.testsSucceededCount == 1
        TapeReader.read(tape).commands().count { it.startsWith('xe vm-start ') } == 2
        replay.testsSucceededCount == 1
        once.testsFailedCount == 1
        Embedded.failures(once).contains(
                'the recipe no longer runs `xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c`')
    }

    def "applyAgain on a converged live host writes nothing"() {
        expect:
        Embedded.run(spec(NIC, dir.resolve('conv.yaml').toString(), 'RECORD', true,
                '!run.wroteNothing() && run.applyAgain().wroteNothing()'), ['passthru.host': 'demo'])
                .testsSucceededCount == 1
    }
}
