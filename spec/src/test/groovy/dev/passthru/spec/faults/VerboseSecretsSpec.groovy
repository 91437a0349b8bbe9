package dev.passthru.spec.faults

import dev.passthru.runtime.cli.Main
import dev.passthru.spec.Repo
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** -vv over real SSH with password login: every command and its output shown, and no secret among them. */
class VerboseSecretsSpec extends Specification {
    static final String PASSWORD = "s3cr3t 'pw' \$(x)"
    @TempDir Path tmp
    @AutoCleanup ServedHost h
    String out, err

    def setup() { h = new ServedHost(tmp); h.server.acceptPassword(PASSWORD) }

    int cli(String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = ['apply', Repo.file('recipes/kvm/vfio-gpu.groovy').path, '--host', "root@127.0.0.1:${h.server.port}".toString(),
                             '--known-hosts', h.knownHosts.path, '--password-env', 'PW', '--reboot-poll', '0.02'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PW: PASSWORD, PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    def "apply -vv: the commands and their output are shown, the password and the VM's graphics password are not"() {
        given: 'win10 has a SPICE password, which virsh dumpxml --security-info prints'
        assert h.state.domains.win10.xml.contains("passwd='demo-spice-secret'")

        when:
        int code = cli('-vv')

        then: 'it ran, and showed the domain XML it read, with the graphics password redacted'
        code == 0
        err.contains('    $ virsh -c qemu:///system dumpxml --inactive --security-info --domain win10 -> exit 0')
        err.contains("passwd='redacted-by-passthru'")

        and: 'what it wrote went on standard input, summarised'
        err =~ /\$ .* define .* < \(stdin: \d+ lines, \d+ bytes\) -> exit 0/

        and: 'no secret anywhere'
        !(out + err).contains('s3cr3t')
        !(out + err).contains('demo-spice-secret')
    }
}
