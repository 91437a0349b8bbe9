package dev.passthru.spec.ssh

import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.transport.AuthenticationException
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.HostKeyException
import dev.passthru.runtime.transport.HostUnreachableException
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The sshj transport against a real OpenSSH server on 127.0.0.1. */
class SshTransportSpec extends Specification {
    @Shared @TempDir Path shared
    @Shared @AutoCleanup Sshd sshd
    @TempDir Path tmp
    @AutoCleanup SshTransport transport

    def setupSpec() {
        sshd = new Sshd(shared.toFile()).start()
    }

    File knownHosts(String content) {
        File f = tmp.resolve('known_hosts').toFile()
        f.text = content
        f
    }

    SshTransport connect(Map opts = [:]) {
        SshOptions o = new SshOptions(knownHosts: opts.knownHosts ?: knownHosts(sshd.knownHostsLine()), identities: [sshd.clientKey], defaultIdentities: false,
                agentSocket: null, connectTimeoutMs: 5000, commandTimeoutMs: 20_000)
        opts.each { k, v -> o[k] = v }
        transport = new SshTransport(new SshTarget(System.getProperty('user.name'), '127.0.0.1', sshd.port), o)
        transport
    }

    def "key authentication; stdout, stderr and exit codes come through as the host gave them"() {
        when:
        CommandResult r = connect().run('printf "out\\n"; printf "err\\n" >&2; exit 3')

        then:
        r.exit == 3
        r.stdout == 'out\n'
        r.stderr == 'err\n'

        and:
        transport.run('printf "a\\n\\n"').stdout == 'a\n\n'
        transport.run('true').stdout == ''
    }

    def "standard input reaches the command whole, and a command given none sees end of input at once"() {
        given:
        String text = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n\$(touch /tmp/pwned) 'q' `x`\n\nno newline at end"
        File target = tmp.resolve('written').toFile()

        when:
        CommandResult echo = connect().run('cat', text)
        CommandResult install = transport.run("install -m 0644 /dev/stdin ${target.path}", text)
        CommandResult none = transport.run('cat')

        then:
        echo.stdout == text
        install.exit == 0
        target.text == text
        none.exit == 0 && none.stdout == ''
        !new File('/tmp/pwned').exists()
    }

    def "one connection serves every command"() {
        given:
        int before = sshd.count('Accepted publickey')
        connect()

        when:
        (1..5).each { assert transport.run("echo ${it}").stdout == "${it}\n" }

        then:
        sshd.count('Accepted publickey') == before + 1
    }

    def "ssh-agent authentication with an #type key (signed by the agent, no key file offered)"() {
        given:
        SshAgent agent = new SshAgent(tmp.toFile())
        agent.add(type == 'ed25519' ? sshd.clientKey : sshd.rsaClientKey)

        when:
        CommandResult r = connect(identities: [], agentSocket: agent.socket).run('echo via-agent')

        then:
        r.stdout == 'via-agent\n'

        cleanup:
        agent?.close()

        where:
        type << ['ed25519', 'rsa']
    }

    def "a changed host key is refused before anything is sent, even with --accept-new-host-key"() {
        given:
        File other = new File(tmp.toFile(), 'other')
        new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', other.path).start().waitFor()
        String wrong = "[127.0.0.1]:${sshd.port} " + new File(other.path + '.pub').text.trim().split(' ')[0..1].join(' ') + '\n'
        int accepted = sshd.count('Accepted publickey')

        when:
        connect(knownHosts: knownHosts(wrong), acceptNewHostKey: accept).run('echo hi')

        then:
        HostKeyException e = thrown()
        e.message.startsWith("HOST KEY CHANGED for [127.0.0.1]:${sshd.port}")
        e.message.contains('passthru never replaces a known key')
        tmp.resolve('known_hosts').toFile().text == wrong
        sshd.count('Accepted publickey') == accepted

        where:
        accept << [false, true]
    }

    def "an unknown host key is refused unless accepting new keys was asked for, and then it is remembered"() {
        when:
        connect(knownHosts: knownHosts('')).run('echo hi')

        then:
        HostKeyException e = thrown()
        e.message.contains("host key of [127.0.0.1]:${sshd.port} is not known (ssh-ed25519 SHA256:")
        e.message.contains('--accept-new-host-key')

        when:
        transport.close()
        File kh = knownHosts('')
        String out = connect(knownHosts: kh, acceptNewHostKey: true).run('echo hi').stdout

        then:
        out == 'hi\n'
        kh.text.contains("[127.0.0.1]:${sshd.port} ssh-ed25519 ")

        when: 'the remembered key now passes strict checking'
        transport.close()
        String again = connect(knownHosts: kh).run('echo again').stdout

        then:
        again == 'again\n'
    }

    def "the fingerprint shown is the one OpenSSH shows"() {
        given:
        Process p = new ProcessBuilder('ssh-keygen', '-l', '-f', sshd.hostKey.path + '.pub').start()
        String openssh = p.inputStream.text.split(' ')[1]

        when:
        connect(knownHosts: knownHosts('')).run('true')

        then:
        HostKeyException e = thrown()
        e.message.contains(openssh)
    }

    def "a connection dropped by the server mid-command is reported as such, and the next command reconnects"() {
        given:
        connect()

        when: 'the command kills its own sshd session process'
        transport.run('echo partial; kill -9 $PPID; sleep 30')

        then:
        ConnectionLostException e = thrown()
        e.message.contains('kill -9 $PPID')

        and:
        transport.run('echo back').stdout == 'back\n'
    }

    def "a command that outlives the command timeout is abandoned"() {
        when:
        connect(commandTimeoutMs: 3000).run('sleep 30')

        then:
        CommandTimeoutException e = thrown()
        e.message.contains('did not finish within 3s')

        and: 'the transport still works afterwards'
        transport.run('echo ok').stdout == 'ok\n'
    }

    def "a key the server does not accept is an authentication error naming what was tried"() {
        given:
        File stranger = new File(tmp.toFile(), 'stranger')
        new ProcessBuilder('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', stranger.path).start().waitFor()

        when:
        connect(identities: [stranger]).run('true')

        then:
        AuthenticationException e = thrown()
        e.message.contains("refused authentication as '${System.getProperty('user.name')}' (tried: ${stranger.path})")
    }

    def "nothing listening is 'unreachable'"() {
        given:
        int closed = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }

        when:
        new SshTransport(new SshTarget('root', '127.0.0.1', closed), new SshOptions(knownHosts: knownHosts(''), connectTimeoutMs: 2000)).run('true')

        then:
        HostUnreachableException e = thrown()
        e.message.startsWith("cannot connect to root@127.0.0.1:${closed}")
    }
}
