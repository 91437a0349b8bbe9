package dev.passthru.spec.fleet

import dev.passthru.runtime.cli.Main
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The fleet's JUnit report: at most one failure, error or skipped per testcase; every count attribute equals the
 * testcases holding it; findings without evidence or fix have no empty "evidence: -" or "fix: -" lines.
 */
class FleetJunitSpec extends Specification {
    @TempDir
    Path tmp

    static final String RECIPE = '''\
recipe('junit') {
    def nic = pci vars.nic
    if (vars.hide == 'yes') { hide nic; reboot() }
    if (vars.extra != 'none') hide pci(vars.extra)
    verify { assignable nic }
}
'''

    static int closedPort() {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
        int port = s.localPort
        s.close()
        port
    }

    static final Map<String, String> HOSTS = [
            ok         : 'ansible_host=demo nic=0000:04:01.0 hide=yes extra=none',
            step       : 'ansible_host=demo nic=0000:04:01.0 hide=no extra=none',
            preflight  : 'ansible_host=demo nic=0000:09:00.0 hide=no extra=0000:0a:00.0',
            unreachable: "ansible_host=127.0.0.1 ansible_port=${closedPort()} nic=0000:04:01.0 hide=no extra=none",
    ]

    def "#what: counts agree with the testcases"() {
        given:
        File recipe = tmp.resolve('junit.groovy').toFile()
        recipe.text = RECIPE
        File inv = tmp.resolve('i.ini').toFile()
        inv.text = "[rack]\n" + hosts.collect { "${it} ${HOSTS[it]}" }.join('\n') + '\n'
        File junit = tmp.resolve('r.xml').toFile()

        when:
        int code = Main.run((['apply', recipe.path, '--inventory', inv.path, '--junit', junit.path, '--known-hosts', tmp.resolve('kh').toString()] + extra) as String[],
                new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'), new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        GPathResult x = new XmlSlurper().parse(junit)
        List<GPathResult> suites = x.testsuite.list()

        then: 'every testcase holds at most one of failure, error, skipped'
        code == exit
        suites.every { s -> s.testcase.list().every { c -> c.failure.size() + c.error.size() + c.skipped.size() <= 1 } }

        and: 'each testsuite counts its testcases'
        suites.every { s ->
            List cases = s.testcase.list()
            s.@tests.toInteger() == cases.size() && s.@failures.toInteger() == cases.count { it.failure.size() } &&
                    s.@errors.toInteger() == cases.count { it.error.size() } && s.@skipped.toInteger() == cases.count { it.skipped.size() }
        }

        and: 'the testsuites element sums them'
        ['tests', 'failures', 'errors', 'skipped'].every { String a -> x."@${a}".toInteger() == suites.sum { it."@${a}".toInteger() } }

        and: 'per host: tests, failures, errors, skipped'
        suites.collectEntries { s -> [(s.@name.text()): ['tests', 'failures', 'errors', 'skipped'].collect { s."@${it}".toInteger() }] } == counts

        and: 'no empty evidence or fix lines'
        !(junit.text =~ /(?m)^\s*(evidence|fix): -$/)

        where:
        what                  | hosts                                          | extra                        || exit | counts
        'an ok host'          | ['ok']                                         | []                           || 0    | [ok: [3, 0, 0, 0]]
        'a failing step'      | ['step']                                       | []                           || 2    | [step: [1, 1, 0, 0]]
        'preflight findings'  | ['preflight']                                  | []                           || 2    | [preflight: [1, 1, 0, 0]]
        'an unreachable host' | ['unreachable']                                | []                           || 2    | [unreachable: [1, 0, 1, 0]]
        'all four'            | ['ok', 'step', 'preflight', 'unreachable']     | []                           || 2    | [ok: [3, 0, 0, 0], step: [1, 1, 0, 0], preflight: [1, 1, 0, 0], unreachable: [1, 0, 1, 0]]
        'fail-fast skips'     | ['preflight', 'ok']                            | ['--forks', '1', '--fail-fast'] || 2 | [preflight: [1, 1, 0, 0], ok: [1, 0, 0, 1]]
    }

    def "several preflight errors are one failure that lists them all"() {
        given:
        File recipe = tmp.resolve('junit.groovy').toFile()
        recipe.text = RECIPE
        File inv = tmp.resolve('i.ini').toFile()
        inv.text = "[rack]\npreflight ${HOSTS.preflight}\n"
        File junit = tmp.resolve('r.xml').toFile()

        when:
        Main.run(['apply', recipe.path, '--inventory', inv.path, '--junit', junit.path] as String[], new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'),
                new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'), [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        GPathResult failure = new XmlSlurper().parse(junit).testsuite.testcase.find { it.@name == 'preflight' }.failure

        then:
        failure.size() == 1
        failure.@message.text() ==~ /device 0000:0a:00.0 is not on this host.* \(and 1 more\)/
        failure.text().contains("${recipe.path}:4: device 0000:0a:00.0 is not on this host")
        failure.text().contains("${recipe.path}:5: device 0000:09:00.0 is not on this host")
    }
}
