package dev.passthru.spec.fleet

import dev.passthru.dsl.PciAddress
import dev.passthru.spec.cli.CliRun
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.serve.DemoSshServer
import dev.passthru.spec.Repo
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import groovy.xml.slurpersupport.GPathResult
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * apply --inventory: a recipe on many hosts in parallel, per-host variables, the failure policy,
 * shards and their merged report, JSON and JUnit reports; on in-process demo hosts, and over real SSH.
 */
class FleetSpec extends Specification {
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

    File file(String name, String text) { File f = tmp.resolve(name).toFile(); f.text = text; f }

    def "every host runs with its own variables; one that fails preflight does not stop the others; the reports say so"() {
        given:
        File json = tmp.resolve('r.json').toFile()
        File junit = tmp.resolve('r.xml').toFile()

        when:
        int code = cli('apply', Repo.file(RECIPE).path, '--inventory', Repo.file('recipes/fleet/demo-rack.ini').path, '--report-json', json.path, '--junit', junit.path)
        Map report = (Map) new JsonSlurper().parse(json)

        then: 'two hosts changed, the third failed at preflight naming its line and its variable; exit 2'
        code == 2
        out.contains('3 hosts: 2 changed, 1 failed')
        out.contains('FAILED rack1-03: preflight: ' + Repo.file(RECIPE).path + ':9: device 0000:09:00.0 is not on this host')
        out =~ /rack1-01\s+demo\s+changed\s+5 changed, 1 ok/
        report.schema == 'passthru.fleet-report/1'
        report.hosts*.name == ['rack1-01', 'rack1-02', 'rack1-03']
        report.hosts*.status == ['changed', 'changed', 'failed']
        report.hosts[1].steps.find { it.step.startsWith('attach') }.step == "attach 0000:02:00.1 to VM 'gpu-worker'"
        report.hosts[0].steps.find { it.step.startsWith('pin') }.diff == ['- VCPUs-params:mask=(not set)', '+ VCPUs-params:mask=0,1,2,3,4,5,6,7']
        new File((String) report.hosts[0].log).text.contains('Summary: 5 changed, 1 ok, 0 failed')

        and: 'JUnit: a testsuite per host, a testcase per step, the preflight failure as a failure'
        ['xmllint', '--noout', junit.path].execute().waitFor() == 0
        GPathResult x = new XmlSlurper().parse(junit)
        x.testsuite.size() == 3
        x.testsuite.find { it.@name == 'rack1-01' }.testcase.size() == 6
        x.testsuite.find { it.@name == 'rack1-01' }.testcase[0].@name.text() == '1. hide 0000:04:01.0 (line 9)'
        x.testsuite.find { it.@name == 'rack1-03' }.testcase.find { it.@name == 'preflight' }.failure.size() >= 1
        x.@failures.text() as int >= 1
    }

    def "--fail-fast: hosts not started when one fails are skipped"() {
        given:
        File inv = file('fail-first.ini', "[rack]\nbad nic=0000:09:00.0\ngood1 nic=0000:04:01.0\ngood2 nic=0000:04:01.0\n[rack:vars]\nansible_host=demo\nvm=router\n")

        expect:
        cli('apply', Repo.file(RECIPE).path, '--inventory', inv.path, '--forks', '1', '--fail-fast') == 2
        out.contains('3 hosts: 1 failed, 2 skipped')
        out =~ /good1\s+demo\s+skipped/

        and: 'without it the others go on'
        cli('apply', Repo.file(RECIPE).path, '--inventory', inv.path, '--forks', '1') == 2
        out.contains('3 hosts: 2 changed, 1 failed')
    }

    def "--shard splits the sorted hosts so every host runs in exactly one shard; passthru report merges the shards"() {
        given:
        File inv = file('rack.ini', "[rack]\nr[1:5] nic=0000:04:01.0\n[rack:vars]\nansible_host=demo\nvm=router\n")
        List<File> parts = (1..2).collect { tmp.resolve("shard${it}.json").toFile() }

        when:
        List<Integer> codes = (1..2).collect { int i -> cli('apply', Repo.file(RECIPE).path, '--inventory', inv.path, '--shard', "${i}/2", '--report-json', parts[i - 1].path) }
        List<List<String>> names = parts.collect { ((Map) new JsonSlurper().parse(it)).hosts*.name as List<String> }

        then:
        codes == [0, 0]
        names == [['r1', 'r3', 'r5'], ['r2', 'r4']]

        when:
        int merged = cli('report', parts[0].path, parts[1].path, '--json', tmp.resolve('all.json').toString(), '--junit', tmp.resolve('all.xml').toString())
        Map all = (Map) new JsonSlurper().parse(tmp.resolve('all.json').toFile())

        then:
        merged == 0
        out.contains('5 hosts: 5 changed (shards 1/2, 2/2)')
        all.hosts*.name == ['r1', 'r2', 'r3', 'r4', 'r5']
        all.shards == ['1/2', '2/2']

        when: 'the same shard twice is refused'
        int twice = cli('report', parts[0].path, parts[0].path)

        then:
        twice == 64
        err.contains('hosts r1, r3, r5 appear in more than one report')
    }

    def "inventory and option mistakes: #what"() {
        given:
        File inv = file('i.ini', "[rack]\nr1 ansible_host=demo nic=0000:04:01.0\n")

        expect:
        cli(['apply', Repo.file(RECIPE).path, '--inventory', inv.path] + extra as String[]) == code
        (out + err).contains(message)

        where:
        what                  | extra                       || code | message
        'unknown --limit'     | ['--limit', 'rack2']        || 64   | "--limit: 'rack2' is neither a group nor a host"
        'bad --shard'         | ['--shard', '3/2']          || 64   | '--shard 3/2: give I/N with 1 <= I <= N'
        '--host as well'      | ['--host', 'demo-kvm']      || 64   | '--host and --inventory: give one'
        'a missing variable'  | []                          || 2    | "FAILED r1: recipe: ${Repo.file(RECIPE).path}:13: host r1 has no variable 'vm' in the inventory (it has: ansible_host, nic)"
    }

    def "over real SSH: three served hosts at once, each changed by its own connection"() {
        given:
        File key = tmp.resolve('id_ed25519').toFile()
        assert new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path).start().waitFor() == 0
        tmp.resolve('authorized_keys').toFile().text = new File(key.path + '.pub').text
        List<DemoState> states = (1..3).collect { DemoState.standard() }
        List<DemoSshServer> servers = states.withIndex().collect { DemoState s, int i ->
            new DemoSshServer(new DemoXcpngHost(s), tmp.resolve("host_key${i}"), tmp.resolve('authorized_keys')).start()
        }
        File known = file('known_hosts', servers.collect { it.knownHostsLine() }.join(''))
        File inv = file('ssh.yml', """all:
  vars:
    ansible_host: 127.0.0.1
    ansible_user: root
    vm: router
    nic: "0000:04:01.0"
  hosts:
${servers.withIndex().collect { DemoSshServer s, int i -> "    xcp${i + 1}:\n      ansible_port: ${s.port}\n" }.join('')}""")

        when:
        int code = cli('apply', Repo.file(RECIPE).path, '--inventory', inv.path, '--forks', '3', '--identity', key.path, '--known-hosts', known.path,
                '--reboot-poll', '0.02', '--report-json', tmp.resolve('ssh.json').toString())
        Map report = (Map) new JsonSlurper().parse(tmp.resolve('ssh.json').toFile())

        then:
        code == 0
        report.hosts*.status == ['changed', 'changed', 'changed']
        report.hosts*.address == servers.collect { "root@127.0.0.1:${it.port}" }
        states.every { it.assignable == [PciAddress.parse('0000:04:01.0')] && it.vms.values().find { v -> v.name == 'router' }.powerState == 'running' }

        cleanup:
        servers*.close()
    }
}
