package dev.passthru.spock

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Strict replay: a command the tape lacks fails the feature with the step and line that ran it, the nearest recorded
 * commands and the re-record command; tape entries the run never reached fail it unless allowUnused.
 */
class StrictReplaySpec extends Specification {
    static final File RECIPE = Embedded.repo('recipes/xcp-ng/nic-passthrough.groovy')
    static final String TAPE = Embedded.repo('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml').path

    @TempDir
    Path dir

    /** The shipped recipe with {@code from} replaced by {@code to}, as a file of its own. */
    File edited(String from, String to) {
        assert RECIPE.text.contains(from)
        File f = dir.resolve('nic-passthrough.groovy').toFile()
        f.text = RECIPE.text.replace(from, to)
        f
    }

    static String spec(File recipe, String tape, boolean allowUnused = false, String body = 'true') {
        """
        @Recipe('${recipe.path}')
        @Tape(value = '${tape}', allowUnused = ${allowUnused})
        class StrictS extends Specification {
            def "f"(HostRun run) { expect: ${body} }
        }
        """
    }

    def "a step that runs a command the tape lacks fails the feature: its step and line, the nearest, the re-record"() {
        given: 'a recipe that pins to other CPUs than the recorded run did'
        File recipe = edited('pinVcpus numaNodeOf(nic)', 'pinVcpus 0, 1')

        when:
        def r = Embedded.run(spec(recipe, TAPE))
        String failure = Embedded.failures(r)

        then:
        r.testsFailedCount == 1
        failure.contains("step 5 'pin VM 'router' vCPUs to host CPUs 0-1' (line 14) ran a command the tape lacks")
        failure.contains('holds no answer for `xe vm-param-set uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c ' +
                'VCPUs-params:mask=0,1`')
        failure.contains('closest recorded: `xe vm-param-set uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c ' +
                'VCPUs-params:mask=0,1,2,3,4,5,6,7`')
        failure.contains('re-record with: mvn test -Dtest=StrictS -Dpassthru.tape.mode=all -Dpassthru.host=USER@HOST')
    }

    def "a miss at preflight (a VM the tape never looked up) fails the feature, naming the recipe and the re-record"() {
        given:
        File recipe = edited("    def nic = pci '0000:04:01.0'\n", "    def nic = pci '0000:04:01.0'\n" +
                "    vm('db') { start() }\n")

        when:
        def r = Embedded.run(spec(recipe, TAPE))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains('nic-passthrough.groovy:0: preflight could not read the tape: ')
        Embedded.failures(r).contains('holds no answer for `xe vm-list name-label=db --minimal`')
        Embedded.failures(r).contains('re-record with: mvn test -Dtest=StrictS')
    }

    def "a recipe that lost a step fails on the tape's entries it no longer reaches"() {
        given: 'the start step deleted'
        File recipe = edited('        start()                 // xe vm-start, unless it is running\n', '')

        when:
        def r = Embedded.run(spec(recipe, TAPE))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains(
                'the recipe no longer runs `xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c` (on the tape)')
    }

    def "allowUnused accepts the entries a run does not reach"() {
        given:
        File recipe = edited('        start()                 // xe vm-start, unless it is running\n', '')

        when:
        def r = Embedded.run(spec(recipe, TAPE, true))

        then:
        r.testsSucceededCount == 1
    }

    def "the unchanged recipe passes on its tape"() {
        expect:
        Embedded.run(spec(RECIPE, TAPE)).testsSucceededCount == 1
    }

    def "a host read the tape cannot answer fails the feature, naming the command"() {
        when: 'the NUMA node is read after the reboot; the tape read xl info -n only before it'
        def r = Embedded.run("""
        @Recipe('${RECIPE.path}')
        @Tape('${TAPE}')
        class ReadS extends Specification {
            def "f"(Host host) { expect: host.pci('0000:04:01.0').numaNode == 0 }
        }
        """)

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains('holds no answer for `xl info -n` in boot 2 of 2')
    }

    def "step() names the steps when none has that description"() {
        when:
        def r = Embedded.run(spec(RECIPE, TAPE, false, "run.step('hide 0000:99:00.0').changed"))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).contains("the run has no step 'hide 0000:99:00.0'; its steps: 'hide 0000:04:01.0', " +
                "'reboot (if needed)'")
    }
}
