package dev.passthru.spec.ssh

import dev.passthru.runtime.cli.Main
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The command line over real SSH: host-key options, key files, and a host that is not XCP-ng. */
class CliOverSshSpec extends Specification {
    @Shared @TempDir Path shared
    @Shared @AutoCleanup Sshd sshd
    @TempDir Path tmp
    String out, err

    def setupSpec() { sshd = new Sshd(shared.toFile()).start() }

    int cli(List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    List<String> args(String verb, File knownHosts, String... more) {
        File r = tmp.resolve('r.groovy').toFile()
        r.text = "recipe('x') {\n  hide pci('04:01.0')\n}\n"
        [verb, r.path, '--host', "${System.getProperty('user.name')}@127.0.0.1:${sshd.port}".toString(),
         '--identity', sshd.clientKey.path, '--known-hosts', knownHosts.path] + (more as List)
    }

    def "an unknown host key stops the CLI before anything runs; --accept-new-host-key records it"() {
        given:
        File kh = tmp.resolve('known_hosts').toFile()
        kh.text = ''

        when:
        int code = cli(args('plan', kh))

        then:
        code == 2
        err.startsWith('error: ')
        err.contains("r.groovy: host ${System.getProperty('user.name')}@127.0.0.1:${sshd.port}: preflight could not read the host: host key of [127.0.0.1]:${sshd.port} is not known (ssh-ed25519 SHA256:")
        err.contains('nothing was changed on the host')
        sshd.count('Accepted publickey') == 0
        !err.contains('Exception')

        when:
        cli(args('plan', kh, '--accept-new-host-key'))

        then:
        kh.text.startsWith("[127.0.0.1]:${sshd.port} ssh-ed25519 ")
    }

    def "a host without XCP-ng's tools, named XCP-ng with --flavour, fails preflight with the command and its error, and nothing changes"() {
        given:
        File kh = tmp.resolve('known_hosts').toFile()
        kh.text = sshd.knownHostsLine()
        when: 'this machine has no xen-cmdline, xe or xl (and perhaps no lspci)'

        int code = cli(args('apply', kh, '--flavour', 'xcpng'))

        then:
        code == 2
        err.contains("host ${System.getProperty('user.name')}@127.0.0.1:${sshd.port}")
        err =~ /preflight could not read the host: `lspci -nnk -D` failed with exit 127|device 0000:04:01.0 is not on this host/
        err.contains('nothing was changed on the host')
        !err.contains('Exception')
    }

    def "the flavour is detected over SSH from /etc/os-release and the tools on the host"() {
        given: 'the sshd runs on this machine, so what it will find is known here'
        File kh = tmp.resolve('known_hosts').toFile()
        kh.text = sshd.knownHostsLine()
        boolean virsh = ['sh', '-c', 'command -v virsh'].execute().waitFor() == 0
        String pretty = new File('/etc/os-release').readLines().find { it.startsWith('PRETTY_NAME=') }?.split('=', 2)?.last()?.replace('"', '')

        when:
        int code = cli(args('plan', kh))

        then:
        code == 2
        if (virsh) {
            assert out.contains("flavour kvm (detected: ${pretty}; found ")
            assert err.contains('preflight could not read the host: `lspci -nnk -D` failed') || err.contains('is not on this host')
        } else {
            assert err.contains("cannot tell which kind of host this is (${pretty}; found ")
            assert err.contains('give --flavour xcpng or --flavour kvm')
        }
        !err.contains('Exception')
    }
}
