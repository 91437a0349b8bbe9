package dev.passthru.spec.fleet

import dev.passthru.spec.cli.CliRun
import dev.passthru.spec.Repo
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** check --inventory preflights every host, facts --inventory reads every host: board, table, reports, and check's exit codes. */
class FleetCheckFactsSpec extends Specification {
    @TempDir
    Path tmp
    String out, err

    static final String RECIPE = 'recipes/fleet/nic-by-host.groovy'

    int cli(String... args) {
        CliRun r = CliRun.of(tmp, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }

    static int closedPort() {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
        int port = s.localPort
        s.close()
        port
    }

    static final Map<String, String> HOSTS = [
            good       : 'ansible_host=demo nic=0000:04:01.0',
            missing    : 'ansible_host=demo nic=0000:09:00.0',
            unreachable: "ansible_host=127.0.0.1 ansible_port=${closedPort()} nic=0000:04:01.0",
    ]

    File inventory(List<String> hosts) {
        File f = tmp.resolve('i.ini').toFile()
        f.text = "[rack]\n${hosts.collect { "${it} ${HOSTS[it]}" }.join('\n')}\n[rack:vars]\nvm=router\n"
        f
    }

    def "check --inventory on #hosts: exit #exit, as check on one host"() {
        expect:
        cli('check', Repo.file(RECIPE).path, '--inventory', inventory(hosts).path, '--known-hosts', tmp.resolve('kh').toString()) == exit
        out.startsWith("passthru check: ${Repo.file(RECIPE).path} on ${hosts.size()} host")
        out.contains(summary)

        where:
        hosts                                      || exit | summary
        ['good']                                   || 0    | '1 host: 1 ok'
        ['good', 'missing']                        || 1    | '2 hosts: 1 ok, 1 failed'
        ['good', 'missing', 'unreachable']         || 2    | '3 hosts: 1 ok, 1 failed, 1 error'
    }

    def "check --inventory: the findings with their evidence in the JSON report and JUnit, changing nothing; the log has check's output"() {
        given:
        File json = tmp.resolve('c.json').toFile()
        File junit = tmp.resolve('c.xml').toFile()

        when:
        int code = cli('check', Repo.file(RECIPE).path, '--inventory', inventory(['good', 'missing']).path, '--report-json', json.path, '--junit', junit.path)
        Map report = (Map) new JsonSlurper().parse(json)
        GPathResult x = new XmlSlurper().parse(junit)

        then:
        code == 1
        out =~ /good\s+demo\s+ok/
        out.contains("FAILED missing: preflight: ${Repo.file(RECIPE).path}:9: device 0000:09:00.0 is not on this host")
        report.mode == 'check'
        report.hosts*.status == ['ok', 'failed']
        report.hosts[0].steps == []
        report.hosts[1].findings*.severity == ['error']
        report.hosts[1].findings*.line == [9]
        report.hosts[1].findings[0].message.startsWith('device 0000:09:00.0 is not on this host')
        new File((String) report.hosts[0].log).text.contains('0 errors, 0 warnings; apply would go ahead')
        x.testsuite.find { it.@name == 'missing' }.testcase.find { it.@name == 'preflight' }.failure.size() == 1
        x.testsuite.find { it.@name == 'good' }.testcase*.@name*.text() == ['run']
        x.@failures.toInteger() == 1

        and: 'check changed nothing: a plan of the good host still has everything to do'
        cli('plan', Repo.file(RECIPE).path, '--inventory', inventory(['good']).path) == 0
        out.contains('1 host: 1 would-change')
    }

    def "check --inventory --json: standard output is one JSON object keyed by host; the board goes to standard error"() {
        when:
        int code = cli('check', Repo.file(RECIPE).path, '--inventory', inventory(['good', 'missing']).path, '--json')
        Map all = (Map) new JsonSlurper().parseText(out)

        then:
        code == 1
        all.keySet() == ['good', 'missing'] as Set
        all.good.errors == 0
        all.good.steps.size() == 6
        all.missing.errors == 1
        all.missing.findings[0].line == 9
        err.contains('2 hosts: 1 ok, 1 failed')
    }

    def "facts --inventory: every host's table under its heading; --json one object keyed by host; a host not read is exit 2"() {
        given:
        File inv = tmp.resolve('f.ini').toFile()
        inv.text = "[xcp]\nx1 ansible_host=demo\n[kvm]\nk1 ansible_host=demo-kvm\n"

        when:
        int table = cli('facts', '--inventory', inv.path)

        then:
        table == 0
        out.startsWith("passthru facts: 2 hosts from ${inv.path}")
        out.contains('== x1 (demo) ==\nhost     demo-xcp-ng-8.3\nflavour  xcpng')
        out.contains('== k1 (demo-kvm) ==\nhost     ')
        out.contains('2 hosts: 2 ok')

        when:
        int json = cli('facts', '--inventory', inv.path, '--json')
        Map all = (Map) new JsonSlurper().parseText(out)

        then:
        json == 0
        all.keySet() == ['x1', 'k1'] as Set
        all.x1.flavour == 'xcpng'
        all.k1.flavour == 'kvm'
        all.k1.pci.size() > 0
        err.contains('2 hosts: 2 ok')

        when:
        inv.text += "[far]\nu1 ${HOSTS.unreachable}\n"
        int unread = cli('facts', '--inventory', inv.path, '--json', '--known-hosts', tmp.resolve('kh').toString())
        Map some = (Map) new JsonSlurper().parseText(out)

        then:
        unread == 2
        some.u1.status == 'error'
        some.u1.error.contains('Connection refused')
        some.x1.flavour == 'xcpng'
    }
}
