package dev.passthru.spec.fleet

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.fleet.FleetRunner
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.interrupt.InterruptedRunException
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.spec.Repo
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * An interrupted fleet (Ctrl-C, SIGTERM) starts no further host, writes its reports with the hosts that finished
 * as they ended and the others interrupted, and exits 130; one host's unexpected exception fails that host only.
 */
class FleetInterruptSpec extends Specification {
    @TempDir
    Path tmp

    /** A console that asks for the interruption when it shows {@code marker}, as an operator pressing Ctrl-C would. */
    static class CtrlCWhen extends OutputStream {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream()
        final String marker
        final Interruption interruption

        CtrlCWhen(String marker, Interruption interruption) {
            this.marker = marker
            this.interruption = interruption
        }

        void write(int b) { seen.write(b); check() }

        void write(byte[] b, int off, int len) { seen.write(b, off, len); check() }

        private void check() { if (!interruption.requested && seen.toString('UTF-8').contains(marker)) interruption.request('INT') }
    }

    def "Ctrl-C after the first host finished: it is in the reports as it ended, the others interrupted; exit 130"() {
        given:
        File inv = tmp.resolve('rack.ini').toFile()
        inv.text = "[rack]\nr[1:4] nic=0000:04:01.0\n[rack:vars]\nansible_host=demo\nvm=router\n"
        File json = tmp.resolve('r.json').toFile()
        File junit = tmp.resolve('r.xml').toFile()
        Interruption stop = new Interruption()
        CtrlCWhen console = new CtrlCWhen('r1  CHANGED', stop)

        when:
        int code = Main.run(['apply', Repo.file('recipes/fleet/nic-by-host.groovy').path, '--inventory', inv.path, '--forks', '1',
                             '--report-json', json.path, '--junit', junit.path] as String[],
                new PrintStream(console, true, 'UTF-8'), new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false, stop)
        String out = console.seen.toString('UTF-8')
        Map report = (Map) new JsonSlurper().parse(json)
        GPathResult x = new XmlSlurper().parse(junit)

        then: 'exit 130; no host started after the request'
        code == Interruption.EXIT_INTERRUPTED
        !out.contains('r2  connecting')
        out.contains('4 hosts: 1 changed, 3 interrupted')
        out.contains('INTERRUPTED before finishing: r2, r3, r4')
        out.contains('interrupted (SIGINT)')

        and: 'the JSON report: the first host as it ended, the others interrupted'
        report.hosts*.status == ['changed', 'interrupted', 'interrupted', 'interrupted']
        report.hosts[0].steps.size() == 6
        report.hosts[1].error == 'not started: interrupted (SIGINT)'
        report.hosts[1].exit == 130
        report.summary == [changed: 1, interrupted: 3]

        and: 'JUnit: each interrupted host an error (CI shows it red, not as a skipped test)'
        x.@errors.toInteger() == 3
        x.testsuite.findAll { it.@name != 'r1' }.every { it.testcase.size() == 1 && it.testcase.error.@type == 'interrupted' }
        x.testsuite.find { it.@name == 'r1' }.@errors.toInteger() == 0
    }

    static Inventory.Host host(String name) { new Inventory.Host(name, [ansible_host: 'demo'] as Map<String, Object>, ['all']) }

    def "FleetRunner: a job stopped by the interruption is interrupted; hosts after it do not start"() {
        given:
        Interruption stop = new Interruption()
        List<String> ran = []
        FleetRunner.HostJob job = { Inventory.Host h ->
            ran << h.name
            if (h.name == 'b') {
                stop.request('TERM')
                stop.check()
            }
            new HostOutcome(name: h.name, status: 'ok')
        } as FleetRunner.HostJob

        when:
        List<HostOutcome> out = new FleetRunner(1, false, stop).run(['a', 'b', 'c'].collect { host(it) }, job)

        then:
        ran == ['a', 'b']
        out*.status == ['ok', 'interrupted', 'interrupted']
        out*.error == [null, 'interrupted (SIGTERM)', 'not started: interrupted (SIGTERM)']
        !Thread.currentThread().interrupted
    }

    def "FleetRunner: a job that throws fails its host only, in one line"() {
        given:
        FleetRunner.HostJob job = { Inventory.Host h ->
            if (h.name == 'b') throw new IllegalStateException('boom\nsecond line')
            if (h.name == 'c') throw new StackOverflowError()
            new HostOutcome(name: h.name, status: 'ok')
        } as FleetRunner.HostJob

        when:
        List<HostOutcome> out = new FleetRunner(2, false).run(['a', 'b', 'c', 'd'].collect { host(it) }, job)

        then:
        out*.status == ['ok', 'error', 'error', 'ok']
        out[1].error == 'IllegalStateException: boom'
        out[2].error == 'StackOverflowError'
    }

    def "a recipe that throws on one host (#how) fails that host only, one line, no stack trace; the report is written"() {
        given:
        File recipe = tmp.resolve('boom.groovy').toFile()
        recipe.text = """recipe('boom') {
    if (vars.boom == 'yes') ${how}
    hide pci(vars.nic)
}
"""
        File inv = tmp.resolve('rack.ini').toFile()
        inv.text = "[rack]\nr1 boom=no\nr2 boom=yes\nr3 boom=no\n[rack:vars]\nansible_host=demo\nnic=0000:04:01.0\n"
        File json = tmp.resolve('r.json').toFile()
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()

        when:
        int code = Main.run(['apply', recipe.path, '--inventory', inv.path, '--report-json', json.path] as String[], new PrintStream(o, true, 'UTF-8'),
                new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        String console = o.toString('UTF-8') + e.toString('UTF-8')
        Map report = (Map) new JsonSlurper().parse(json)
        String failed = console.readLines().find { it.startsWith('  FAILED r2: ') }

        then:
        code == 2
        report.hosts*.status == ['changed', 'error', 'changed']
        report.hosts[1].error.contains(message)
        failed != null && failed.contains(message)
        !console.contains('\tat ')
        !console.contains('Exception in thread')

        where:
        how                                        || message
        "throw new IllegalStateException('boom')"  || 'IllegalStateException: boom'
        "assert vars.boom == 'fine'"               || "assert vars.boom == 'fine'"
        'throw new StackOverflowError()'           || 'StackOverflowError'
        '{ def s = System; s.exit(3) }'            || 'recipes cannot end the process (System.exit)'
    }
}
