package dev.passthru.spec.cli

import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Option values are checked before anything runs: one line, exit 64, no stack trace, no host touched. */
class ValidationSpec extends Specification {
    @TempDir
    Path tmp

    static final String NIC = Repo.file('recipes/xcp-ng/nic-passthrough.groovy').path
    /** How a count option's message ends when the value is below 1. */
    static final String WHOLE = 'give a whole number of at least 1'

    File inventory() {
        File f = tmp.resolve('hosts.ini').toFile()
        f.text = '[rack1]\ndemo\n'
        f
    }

    def "#why is refused up front"() {
        when:
        CliRun r = CliRun.of(tmp, args.collect { it == 'INV' ? inventory().path : it == 'R' ? NIC : it })

        then:
        r.code == 64
        r.err.readLines()[0] == "error: ${message}"
        !r.err.contains('Exception')
        !r.err.contains('\tat ')
        r.out == ''
        !tmp.resolve('home/runs').toFile().exists()

        where:
        why                        | args                                                 || message
        '--forks 0'                | ['apply', 'R', '--inventory', 'INV', '--forks', '0'] || "--forks 0: $WHOLE"
        '--forks -1'               | ['plan', 'R', '--inventory', 'INV', '--forks', '-1'] || "--forks -1: $WHOLE"
        '--repeat 0'               | ['apply', 'R', '--repeat', '0']                      || "--repeat 0: $WHOLE"
        '--repeat -1'              | ['apply', 'R', '--repeat', '-1']                     || "--repeat -1: $WHOLE"
        'a negative reboot timeout' | ['apply', 'R', '--reboot-timeout', '-5']            || "--reboot-timeout -5: $WHOLE"
        '--reboot-poll 0'          | ['apply', 'R', '--reboot-poll', '0']                 || '--reboot-poll 0.0: give a number of seconds above 0 and at most --reboot-timeout (600)'
        'a poll longer than the timeout' | ['apply', 'R', '--reboot-timeout', '5', '--reboot-poll', '6'] || '--reboot-poll 6.0: give a number of seconds above 0 and at most --reboot-timeout (5)'
        'a zero command timeout'   | ['plan', 'R', '--command-timeout', '0']              || "--command-timeout 0: $WHOLE"
        'serve --port 70000'       | ['serve', 'demo', '--authorized-keys', 'INV', '--port', '70000']                         || '--port 70000: give a number from 0 to 65535'
        'a host with a space'      | ['apply', 'R', '--host', 'a b']                      || "--host: 'a b' is not a host name or address (letters, digits, '.', '-', '_'; IPv6 as [::1])"
        'a user and no host'       | ['apply', 'R', '--host', 'root@']                    || "--host: no host after the '@' in 'root@'"
        'a port and no host'       | ['apply', 'R', '--host', ':99999']                   || "--host: no host before the ':' in ':99999'"
        'a port out of range'      | ['apply', 'R', '--host', 'h:99999']                  || "--host: port 99999 is out of range 1..65535"
        'a --var that is no name'  | ['plan', 'R', '--var', '1x=2']                       || "--var 1x=...: '1x' is not a variable name (letters, digits, _)"
        'an unknown flavour'       | ['plan', 'R', '--flavour', 'hyperv']                 || "--flavour: 'hyperv' is not one of xcpng, kvm"
    }

    def "--record and --journal-dir are proven writable before the host is touched: #why"() {
        given:
        File plain = tmp.resolve('plain.txt').toFile()
        plain.text = 'not a directory'

        when:
        CliRun r = CliRun.of(tmp, ['apply', NIC] + args.collect { it.replace('PLAIN', plain.path) })

        then:
        r.code == 64
        r.err.readLines()[0].startsWith("error: ${message.replace('PLAIN', plain.path)}")
        r.out == ''

        where:
        why                                | args                                      || message
        'a tape under a regular file'      | ['--record', 'PLAIN/t.yaml']              || '--record PLAIN/t.yaml: PLAIN is not a directory'
        'a tape where nothing is writable' | ['--record', '/proc/t.yaml']              || "--record /proc/t.yaml: cannot write in /proc ("
        'a tape that is a directory'       | ['--record', '/tmp']                      || '--record /tmp: is a directory; give a file name'
        'journals under a regular file'    | ['--journal-dir', 'PLAIN/runs']           || '--journal-dir PLAIN/runs: cannot create the directory PLAIN/runs'
    }
}
