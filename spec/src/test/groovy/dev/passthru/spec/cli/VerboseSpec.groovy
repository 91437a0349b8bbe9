package dev.passthru.spec.cli

import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** -v shows each remote command as it runs, with its exit code; -vv also its output; on stderr, so stdout stays the run's. */
class VerboseSpec extends Specification {
    static final String NIC = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path
    /** The commands of the host lock, which apply runs outside a recording. */
    static final List<String> LOCK = ['mkdir -p /var/lib/passthru', 'mkdir /var/lib/passthru/lock',
                                      'install -m 0644 /dev/stdin /var/lib/passthru/lock/owner', 'rm -r /var/lib/passthru/lock']
    @TempDir
    Path tmp
    String out, err

    int cli(String... args) {
        CliRun r = CliRun.of(tmp, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }

    /** The verbose command lines of stderr, as [command, outcome]. */
    List<List<String>> shown() {
        err.readLines().findAll { it.startsWith('    $ ') }.collect { String l ->
            int arrow = l.lastIndexOf(' -> ')
            [l.substring(6, arrow).replaceFirst(/ < \(stdin: .*\)$/, ''), l.substring(arrow + 4)]
        }
    }

    def "apply -v on the demo host shows every command it ran, once each, in order, with its exit code and time"() {
        given:
        File tape = tmp.resolve('t.yaml').toFile()

        when:
        int code = cli('apply', NIC, '-v', '--record', tape.path)

        then: 'the commands shown are the ones recorded (plus the host lock, taken outside the recording), in the same order'
        code == 0
        List<String> recorded = TapeReader.read(tape).commands()
        shown()*.get(0).findAll { !(it in LOCK) } == recorded
        shown()*.get(0).findAll { it in LOCK } == LOCK

        and: 'each with its outcome: an exit code and a time, or (the reboot) no exit status'
        shown().every { it[1] ==~ /exit \d+ \(\d+\.\d\ds\)|no exit status: .* \(\d+\.\d\ds\)/ }
        shown().find { it[0] == 'xe vm-start uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c' }[1] ==~ /exit 0 \(.*\)/
        shown().count { it[0].startsWith('xe vm-start') } == 1
        shown().find { it[0] == 'reboot' }[1].startsWith('no exit status: connection to demo-xcp-ng-8.3 closed')

        and: 'standard input is summarised, never shown'
        err.contains('    $ install -m 0644 /dev/stdin /var/lib/passthru/lock/owner < (stdin: 5 lines, ')

        and: 'each step is announced before its commands; stdout has the run and no command line'
        out.indexOf('[6/6] start VM \'router\' ...') < out.indexOf('Summary:')
        !out.contains('    $ ')
    }

    def "without -v no command is shown"() {
        when:
        int code = cli('apply', NIC)

        then:
        code == 0
        shown().isEmpty()
        err.isEmpty()
    }

    def "-vv also shows each command's output (stdout after |, stderr after !), and check --json keeps stdout JSON"() {
        when:
        int code = cli('check', NIC, '-vv', '--json')

        then:
        code == 0
        new JsonSlurper().parseText(out).errors == 0
        shown()*.get(0).contains('xl info -n')
        err.contains('      | nr_cpus                : 16')
        err.contains('      | 0000:04:01.0 Ethernet controller [0200]: Intel Corporation 82541PI Gigabit Ethernet Controller [8086:107c] (rev 05)')
    }

    def "-vv shows a failing command's stderr after !, and still only summarises standard input"() {
        when:
        cli('apply', recipe("recipe('db') {\n  vm('big-db') { start() }\n}\n"), '-vv')

        then:
        err.contains('      ! Not enough host memory is available to perform this operation')
        err.contains('      ! needed: 206158430208')
        err.contains('/var/lib/passthru/lock/owner < (stdin: 5 lines, ')
        !err.contains("pid: ${ProcessHandle.current().pid()}")
    }

    def "facts, plan and replay take -v too"() {
        expect:
        cli('facts', '-v') == 0
        shown()*.get(0).contains('lspci -nnk -D')

        cli('plan', NIC, '--verbose') == 0
        shown()*.get(0).contains('/opt/xensource/libexec/xen-cmdline --get-dom0 xen-pciback.hide')

        cli('replay', NIC, '--tape', Repo.file('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml').path, '-v') == 0
        shown()*.get(0) == TapeReader.read(Repo.file('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml')).commands()
    }

    String recipe(String body) {
        File f = tmp.resolve('r.groovy').toFile()
        f.text = body
        f.path
    }
}
