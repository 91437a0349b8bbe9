package dev.passthru.spec.faults

import dev.passthru.runtime.cli.Main
import dev.passthru.spec.Repo
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Password login against a real SSH server, and the password nowhere after: not in the output, the
 * tape, the journal, or an error message, whether the login works or fails.
 */
class SecretsSpec extends Specification {
    static final String PASSWORD = "s3cr3t 'pw' \$(x)"
    @TempDir Path tmp
    @AutoCleanup ServedHost h
    String out, err

    def setup() { h = new ServedHost(tmp); h.server.acceptPassword(PASSWORD) }

    int cli(String pw, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = ['apply', Repo.file('recipes/kvm/vfio-gpu.groovy').path, '--host', "root@127.0.0.1:${h.server.port}".toString(),
                             '--known-hosts', h.knownHosts.path, '--password-env', 'PW', '--reboot-poll', '0.02'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PW: pw, PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    List<File> written() { (tmp.resolve('home/runs').toFile().listFiles() as List) + [tmp.resolve('t.yaml').toFile()].findAll { it.exists() } }

    def "password login works, and the password is in no output, tape or journal"() {
        when:
        int code = cli(PASSWORD, '--record', tmp.resolve('t.yaml').toString())

        then:
        code == 0
        out.contains('Summary: 8 changed, 1 ok, 0 failed')
        !(out + err).contains('s3cr3t')
        written().size() == 2
        written().every { !it.text.contains('s3cr3t') }
    }

    def "a wrong password is an authentication error that does not repeat it"() {
        when:
        int code = cli('wrong-s3cr3t')

        then:
        code == 2
        err.contains("root@127.0.0.1:${h.server.port} refused authentication as 'root' (tried: password)")
        !(out + err).contains('s3cr3t')
        written().every { !it.text.contains('s3cr3t') }
        !err.contains('Exception')
    }
}
