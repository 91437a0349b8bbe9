package dev.passthru.spec.journal

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.journal.ResumePoint
import dev.passthru.runtime.tape.Redactor
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Every apply leaves a journal; --resume continues the last run of the same recipe on the same host only. */
class JournalSpec extends Specification {
    @TempDir Path tmp
    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)
    File dir

    static final String RECIPE = '''\
        recipe('r') {
            vm('router') { pinVcpus 0..1 }
            verify { assignable pci('04:01.0') }
            vm('router') { start() }
        }
        '''.stripIndent()

    def setup() { dir = tmp.resolve('runs').toFile() }

    File recipeFile(String text = RECIPE) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = text
        f
    }

    RunResult apply(File f, Map<Integer, String> verifiedIn = [:], List<String> secrets = []) {
        Recipe recipe = new RecipeLoader().load(f, f.path)
        Journal j = Journal.start(dir, Journals.newRunId(recipe.name), host.label(), recipe, f.text, verifiedIn ? verifiedIn.values().first() : null, new Redactor(secrets))
        new Runner(new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()), false)
                .run(recipe, host, new RunOptions(rebootTimeoutMillis: 1000L, journal: j, verifiedIn: verifiedIn))
    }

    Map journal() { Journals.all(dir).first() }

    def "a failed run's journal holds each step's status and the commands it ran, up to the failure"() {
        when:
        RunResult r = apply(recipeFile())
        Map j = journal()

        then:
        r.failed
        j.outcome == 'failed'
        j.host == 'demo-xcp-ng-8.3'
        j.recipeSha256 == Journal.sha256(RECIPE)
        j.steps*.status == ['CHANGED', 'FAILED', 'SKIPPED']
        j.steps[0].commands*.command.contains('xe vm-param-set uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c VCPUs-params:mask=0,1')
        j.steps[0].commands.every { it.exit == 0 }
        j.steps[1].message.contains('not assignable')
        j.steps[2].commands == []
    }

    def "resume continues after the verified steps once the cause is fixed"() {
        given:
        apply(recipeFile())
        Map failed = journal()

        when: 'the operator fixes the cause (the device is made assignable) and resumes'
        state.assignable = [PciAddress.parse('0000:04:01.0')]
        ResumePoint earlier = Journals.toResume(dir, recipeFile(), Journal.sha256(RECIPE), host.label())
        Map<Integer, String> verified = earlier.verified().collectEntries { [(it): earlier.run.run] }
        RunResult r = apply(recipeFile(), verified)

        then:
        earlier.run.run == failed.run
        earlier.describe() == "resuming run ${failed.run} (started ${failed.started}, outcome failed, " +
                "stopped at step 2 'verify assignable 0000:04:01.0' (failed)): step 1 verified there is checked again, not redone"
        verified == [1: failed.run]
        r.steps*.status == [StepStatus.OK, StepStatus.OK, StepStatus.CHANGED]
        r.steps[0].message == "verified in run ${failed.run}"
        journal().resumedFrom == failed.run
        journal().outcome == 'ok'
    }

    def "a step that drifted since the earlier run is applied again and says so"() {
        given:
        apply(recipeFile())
        Map earlier = journal()
        state.vms.values().find { it.name == 'router' }.vcpusParams.remove('mask')
        state.assignable = [PciAddress.parse('0000:04:01.0')]

        when:
        RunResult r = apply(recipeFile(), [1: earlier.run as String])

        then:
        r.steps[0].status == StepStatus.CHANGED
        r.steps[0].message == "drifted since run ${earlier.run}: applied again"
    }

    def "resume is refused when the recipe changed since the run it would continue"() {
        given:
        apply(recipeFile())
        String edited = RECIPE + '// edited\n'

        when:
        Journals.toResume(dir, recipeFile(edited), Journal.sha256(edited), 'demo-xcp-ng-8.3')

        then:
        IllegalStateException e = thrown()
        e.message.contains('changed since run')
    }

    def "there is nothing to resume when #why"() {
        given:
        apply(recipeFile())
        if (finishOk) { state.assignable = [PciAddress.parse('0000:04:01.0')]; apply(recipeFile()) }
        String run = journal().run

        when:
        ResumePoint p = Journals.toResume(dir, recipeFile(), Journal.sha256(RECIPE), hostLabel)

        then:
        p.run == null
        p.nothing == message.replace('RUN', run).replace('RECIPE', recipeFile().path).replace('DIR', dir.path)

        where:
        why                                    | finishOk | hostLabel         || message
        'the only run was on another host'     | false    | 'root@10.0.0.9:22' || 'no earlier run of RECIPE on root@10.0.0.9:22 is journaled in DIR (its newest run, RUN, was on demo-xcp-ng-8.3)'
        'the last run on this host finished ok' | true    | 'demo-xcp-ng-8.3' || 'run RUN of RECIPE on demo-xcp-ng-8.3 finished ok'
    }

    def "resume picks the newest run on this host, not the newest run anywhere"() {
        given: 'a failed run here, then a newer failed run of the same recipe journaled for another host'
        apply(recipeFile())
        Map here = journal()
        Map elsewhere = new LinkedHashMap(here)
        elsewhere.run = here.run + '-b'
        elsewhere.host = 'root@10.0.0.9:22'
        elsewhere.started = '2099-01-01T00:00:00Z'
        new File(dir, elsewhere.run + '.json').text = groovy.json.JsonOutput.toJson(elsewhere)

        expect:
        Journals.toResume(dir, recipeFile(), Journal.sha256(RECIPE), 'demo-xcp-ng-8.3').run.run == here.run
        Journals.toResume(dir, recipeFile(), Journal.sha256(RECIPE), 'root@10.0.0.9:22').run.run == elsewhere.run
    }

    def "the CLI says there is nothing to resume and exits 0"() {
        given:
        ByteArrayOutputStream out = new ByteArrayOutputStream()

        when:
        int code = Main.run(['apply', recipeFile().path, '--resume', '--journal-dir', dir.path] as String[],
                new PrintStream(out, true, 'UTF-8'), new PrintStream(OutputStream.nullOutputStream()), [:], false)

        then:
        code == 0
        out.toString('UTF-8').startsWith("nothing to resume: no earlier run of ${recipeFile().path} on demo-xcp-ng-8.3 is journaled in ${dir}")
    }

    def "secrets never reach the journal"() {
        when:
        apply(recipeFile("recipe('s') { vm('hunter2') { start() } }"), [:], ['hunter2'])

        then:
        File f = dir.listFiles().find { it.name.endsWith('.json') }
        !f.text.contains('hunter2')
        f.text.contains('<redacted>')
        new JsonSlurper().parse(f).outcome == 'preflight-failed'
    }
}
