package dev.passthru.spec.twin

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.spec.Repo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** passthru serve twin:FILE: the twin behind a real SSH server on 127.0.0.1, planned and applied over SSH. */
class ServeTwinSpec extends Specification {
    @TempDir Path tmp
    String out, err

    int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    def "an XCP-ng twin served over SSH answers plan and apply (with its reboot) as the twin file says"() {
        given: 'a twin of the XCP-ng demo, renamed and at another release'
        File twin = tmp.resolve('xcp.yaml').toFile()
        twin.text = TwinFile.resource('demo').replace('label: demo-xcp-ng-8.3', 'label: pool-a')
                .replace('version: "8.3.0"', 'version: "8.2.1"')
        File key = tmp.resolve('id_ed25519').toFile()
        assert new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path).start().waitFor() == 0
        File authorized = tmp.resolve('authorized_keys').toFile()
        authorized.text = new File(key.path + '.pub').text

        and: 'passthru serve twin:FILE running on a free port'
        PipedInputStream pipe = new PipedInputStream()
        PrintStream serveOut = new PrintStream(new PipedOutputStream(pipe), true, 'UTF-8')
        Interruption stop = new Interruption()
        int served = -1
        Thread server = Thread.start {
            served = Main.run(['serve', "twin:${twin}", '--port', '0', '--authorized-keys', authorized.path,
                               '--host-key', tmp.resolve('host_key').toString()] as String[], serveOut,
                    new PrintStream(OutputStream.nullOutputStream()), [PASSTHRU_HOME: tmp.toString()], false, stop)
            serveOut.close()
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(pipe, 'UTF-8'))
        String first = lines.readLine()
        String port = (first =~ /127\.0\.0\.1:(\d+)/)[0][1]
        File known = tmp.resolve('known_hosts').toFile()
        known.text = lines.readLine().substring('known_hosts line: '.length()) + '\n'
        List<String> ssh = ['--host', "root@127.0.0.1:${port}".toString(), '--identity', key.path,
                            '--known-hosts', known.path, '--reboot-timeout', '30', '--reboot-poll', '0.05']
        String recipe = Repo.file('recipes/xcp-ng/gpu-passthrough.groovy').path

        expect:
        first.startsWith('serving pool-a on 127.0.0.1:')
        cli((['plan', recipe] + ssh) as String[]) == 0
        out.contains('flavour xcpng (detected: XCP-ng 8.2.1; found xe, xl)')
        out.contains('Plan: 5 to change, 0 ok, 1 pending.')
        cli((['apply', recipe] + ssh) as String[]) == 0
        out.contains('Summary: 5 changed, 1 ok, 0 failed')
        cli((['apply', recipe] + ssh) as String[]) == 0
        out =~ /Summary: 0 changed, \d+ ok, 0 failed/

        when:
        stop.request('INT')
        server.join()
        List<String> rest = lines.readLines()

        then:
        served == 0
        rest.last() == 'stopped'
    }
}
