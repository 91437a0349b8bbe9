package dev.passthru.spock

import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.serve.DemoSshServer
import dev.passthru.runtime.tape.TapeReader
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** A live host over real SSH: the KVM demo host served on 127.0.0.1, reached with strict host keys. */
class SshHostSpec extends Specification {
    static final String PASSWORD = 'lab-password-7f3a'

    @TempDir
    Path dir

    @AutoCleanup
    DemoSshServer server

    def setup() {
        dir.resolve('authorized_keys').toFile().text = ''
        server = new DemoSshServer(new DemoKvmHost(), dir.resolve('host_key'), dir.resolve('authorized_keys'))
                .acceptPassword(PASSWORD).start()
    }

    String spec(File tape, String mode = 'RECORD') {
        File recipe = dir.resolve('start.groovy').toFile()
        recipe.text = "recipe('start') {\n    vm('win10') { start() }\n}\n"
        """
        @Recipe('${recipe.path}')
        @Tape(value = '${tape.path}', mode = TapeMode.${mode})
        class SshS extends Specification {
            def "f"(HostRun run, Host host) {
                expect:
                run.passed && run.step("start VM 'win10'").changed && host.vm('win10').state == 'running'
            }
        }
        """
    }

    Map<String, String> props(File knownHosts) {
        ['passthru.host': "root@127.0.0.1:${server.port}".toString(), 'passthru.password': PASSWORD,
         'passthru.knownHosts': knownHosts.path]
    }

    def "records a live host over SSH, its host key checked, and the tape replays without it"() {
        given:
        File known = dir.resolve('known_hosts').toFile()
        known.text = server.knownHostsLine()
        File tape = dir.resolve('start.yaml').toFile()

        when:
        def rec = Embedded.run(spec(tape), props(known))
        def replay = Embedded.run(spec(tape, 'REPLAY'))

        then:
        Embedded.failures(rec) == ''
        rec.testsSucceededCount == 1
        TapeReader.read(tape).host == 'live-host'
        TapeReader.read(tape).commands().contains('virsh -c qemu:///system start --domain win10')
        !tape.text.contains(PASSWORD)
        replay.testsSucceededCount == 1
    }

    def "an unknown host key fails the feature (strict host keys), and nothing is recorded"() {
        given:
        File known = dir.resolve('known_hosts').toFile()
        known.text = ''
        File tape = dir.resolve('start.yaml').toFile()

        when:
        def r = Embedded.run(spec(tape), props(known))

        then:
        r.testsFailedCount == 1
        Embedded.failures(r).startsWith('could not run on the live host: ')
        Embedded.failures(r).contains("host key of [127.0.0.1]:${server.port} is not known")
        !tape.exists()
    }
}
