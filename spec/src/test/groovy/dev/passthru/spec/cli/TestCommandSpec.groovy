package dev.passthru.spec.cli

import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.spec.Repo
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * passthru test: every recipe x tape pair replayed strictly in one JVM, the idempotence check on tapes of runs that
 * ended in sync, a table, JUnit XML, and exit 0 only when every pair passes.
 */
class TestCommandSpec extends Specification {
    @TempDir
    Path tmp

    static final String NIC = 'nic-passthrough'
    static final String START = 'xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c'

    /** A copy of the shipped nic-passthrough recipe and its two tapes in {@code tmp}/r, as a user's repository. */
    File copyNic() {
        File dir = Files.createDirectories(tmp.resolve('r/tapes')).toFile().parentFile
        new File(dir, "${NIC}.groovy").text = Repo.file("recipes/xcp-ng/${NIC}.groovy").text
        ['fresh', 'second-run'].each { String k ->
            new File(dir, "tapes/${NIC}.${k}.yaml").text = Repo.file("recipes/xcp-ng/tapes/${NIC}.${k}.yaml").text
        }
        dir
    }

    /** The 1-based line of {@code text} in {@code file}. */
    static int lineOf(File file, String text) { file.readLines().findIndexOf { it.contains(text) } + 1 }

    def "the shipped recipes all pass, every tape of a run in sync idempotent"() {
        given:
        int tapes = ['recipes/xcp-ng/tapes', 'recipes/kvm/tapes'].sum { Repo.file(it).list().size() } as int

        when:
        CliRun r = CliRun.of(tmp, ['test', Repo.file('recipes').path])

        then:
        r.code == 0
        r.err == ''
        r.out.readLines().find { it.startsWith('RECIPE') }.split(/\s+/) as List ==
                ['RECIPE', 'TAPE', 'RESULT', 'STEPS', 'COMMANDS', 'TIME']
        r.out.readLines().count { it =~ /\.yaml\s+pass/ } == tapes
        r.out.readLines().findAll { it =~ /second-run\.yaml/ }.every { it.contains('pass (idempotent)') }
        r.out.contains("${tapes} passed, 0 failed (${tapes} recipe x tape pairs)")
        r.out.contains('note: not tested, no tapes/NAME.*.yaml beside them: ')
        r.out.contains('nic-by-host.groovy')
    }

    def "a project's build output, sources and hidden directories are not searched for recipes"() {
        given: 'a Maven project: specs under src/, compiled scripts under target/, a recipe with tapes'
        File dir = copyNic()
        ['src/test/groovy/NicSpec.groovy', 'target/classes/x.groovy', '.git/hook.groovy'].each { String f ->
            File g = new File(dir, f)
            g.parentFile.mkdirs()
            g.text = 'class X {}\n'
        }

        when:
        CliRun r = CliRun.of(tmp, ['test', dir.path])

        then:
        r.code == 0
        !r.out.contains('note: not tested')
        r.out.contains('2 passed, 0 failed (2 recipe x tape pairs)')
    }

    def "deleting a step from a recipe fails passthru test, naming the commands the recipe no longer runs"() {
        given:
        File dir = copyNic()
        File recipe = new File(dir, "${NIC}.groovy")
        recipe.text = recipe.readLines().findAll { !it.contains('start()') }.join('\n') + '\n'

        when:
        CliRun r = CliRun.of(tmp, ['test', dir.path])

        then:
        r.code == 2
        r.out =~ /(?m)^\S*nic-passthrough\.groovy\s+nic-passthrough\.fresh\.yaml\s+FAIL\s+5\s/
        r.out.contains("FAIL: ${recipe.path} with ${dir.path}/tapes/${NIC}.fresh.yaml")
        r.out.contains("  the recipe no longer runs `${START}` (on the tape)")
        r.out.contains('0 passed, 2 failed (2 recipe x tape pairs)')
    }

    def "a tape that misses a command fails naming the step, its line and how to re-record"() {
        given:
        File dir = copyNic()
        File tapeFile = new File(dir, "tapes/${NIC}.fresh.yaml")
        Tape t = TapeReader.read(tapeFile)
        tapeFile.text = TapeWriter.write(new Tape(t.host, t.flavour, t.recipe, t.source,
                t.interactions.findAll { Interaction i -> !i.command?.startsWith('xe vm-start ') }))
        int line = lineOf(new File(dir, "${NIC}.groovy"), 'start()')

        when:
        CliRun r = CliRun.of(tmp, ['test', new File(dir, "${NIC}.groovy").path])

        then:
        r.code == 2
        r.out.contains("  step 6 'start VM 'router'' (line ${line}) ran a command the tape lacks: " +
                "tape ${tapeFile.path} holds no answer for `${START}`")
        r.out.contains("re-record with: passthru apply ${dir.path}/${NIC}.groovy --host USER@HOST " +
                "--record ${tapeFile.path}")
        r.out =~ /(?m)second-run\.yaml\s+pass \(idempotent\)/
        r.out.contains('1 passed, 1 failed (2 recipe x tape pairs)')
    }

    def "a tape whose recipe: header names another recipe is skipped with a note, and does not fail the run"() {
        given:
        File dir = copyNic()
        File other = new File(dir, "tapes/${NIC}.other.yaml")
        other.text = Repo.file('recipes/xcp-ng/tapes/gpu-passthrough.fresh.yaml').text

        when:
        CliRun r = CliRun.of(tmp, ['test', dir.path])

        then:
        r.code == 0
        r.out =~ /(?m)nic-passthrough\.other\.yaml\s+skipped\s+-\s+-\s+-$/
        r.out.contains("  the tape was recorded for recipe 'gpu-passthrough', not 'nic-passthrough'")
        r.out.contains('2 passed, 0 failed, 1 skipped (3 recipe x tape pairs)')
    }

    def "--junit writes one testcase per pair, failures holding the verdict's lines, valid for xmllint"() {
        given:
        File dir = copyNic()
        File recipe = new File(dir, "${NIC}.groovy")
        recipe.text = recipe.readLines().findAll { !it.contains('start()') }.join('\n') + '\n'
        File junit = tmp.resolve('out/junit.xml').toFile()

        when:
        CliRun r = CliRun.of(tmp, ['test', dir.path, '--junit', junit.path])
        GPathResult x = new XmlSlurper().parse(junit)
        List<GPathResult> cases = x.testsuite.testcase.list()

        then:
        r.code == 2
        ['xmllint', '--noout', junit.path].execute().waitFor() == 0
        x.@tests == '2'
        x.@failures == '2'
        cases*.@name*.toString() == ["${NIC}.fresh.yaml", "${NIC}.second-run.yaml"]
        cases.every { it.@classname == 'passthru.test.nic-passthrough' }
        cases[0].failure.@type == 'replay'
        cases[0].failure.text().readLines().contains(
                "the recipe no longer runs `${START}` (on the tape)".toString())
    }

    def "usage mistakes exit 64 with one line: #why"() {
        when:
        CliRun r = CliRun.of(tmp, ['test'] + args.collect { it.replace('TMP', tmp.toString()) })

        then:
        r.code == 64
        r.err.readLines().size() == 1
        r.err.startsWith("error: ${message.replace('TMP', tmp.toString())}")

        where:
        why                              | args                        || message
        'a path that does not exist'     | ['TMP/nowhere']             || 'TMP/nowhere: no such file or directory'
        'a directory without recipes'    | ['TMP']                     || 'no recipe with tapes under TMP'
        'the default: the current dir.'  | []                          || 'no recipe with tapes under .'
    }

    def "passthru test is registered: help test shows its usage"() {
        when:
        CliRun r = CliRun.of(tmp, ['help', 'test'])

        then:
        r.code == 0
        r.out.startsWith('Usage: passthru test [')
        r.out.contains('--junit=FILE')
        r.out.contains('tapes/NAME.*.yaml')
    }
}
