package dev.passthru.spec.ssh

import dev.passthru.runtime.cli.Main
import dev.passthru.spec.Repo
import dev.passthru.spec.faults.ServedHost
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.net.UnixDomainSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.file.Path

import static java.net.StandardProtocolFamily.UNIX

/**
 * SSH_AUTH_SOCK that leads nowhere: a warning naming the path, then the other credentials are still tried;
 * when they all fail, the final error says the agent was unreachable. Against a real SSH server on 127.0.0.1.
 */
class AgentSocketSpec extends Specification {
    @TempDir Path tmp
    @AutoCleanup ServedHost h
    String out, err

    def setup() { h = new ServedHost(tmp) }

    int cli(String sock, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = ['plan', Repo.file('recipes/kvm/vfio-gpu.groovy').path, '--host', "root@127.0.0.1:${h.server.port}".toString(),
                             '--known-hosts', h.knownHosts.path, '--connect-timeout', '5'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [SSH_AUTH_SOCK: sock, PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    /** A path of the given kind for SSH_AUTH_SOCK. */
    String socketPath(String kind) {
        Path p = tmp.resolve('agent.sock')
        switch (kind) {
            case 'missing': break
            case 'regular file': p.toFile().text = 'not a socket\n'; break
            case 'directory': p.toFile().mkdirs(); break
            case 'dead socket':
                ServerSocketChannel ch = ServerSocketChannel.open(UNIX)
                ch.bind(UnixDomainSocketAddress.of(p))
                ch.close() // the socket file stays; nothing listens on it any more
                break
        }
        p.toString()
    }

    def "SSH_AUTH_SOCK is a #kind: a warning naming it, and the key given with -i still logs in"() {
        given:
        String sock = socketPath(kind)

        when:
        int code = cli(sock, '-i', h.key.path)

        then:
        code == 0
        out.contains('Plan: ')
        err.readLines().findAll { it.startsWith('warning: ') } ==
                ["warning: SSH_AUTH_SOCK=${sock}: ssh-agent is unreachable (${why}); trying the other credentials".toString()]

        where:
        kind           || why
        'missing'      || 'no such file'
        'regular file' || 'not a socket'
        'directory'    || 'a directory, not a socket'
        'dead socket'  || 'nothing answers there: Connection refused'
    }

    def "SSH_AUTH_SOCK is a #kind and nothing else is accepted: the final error says the agent was unreachable"() {
        given:
        String sock = socketPath(kind)

        when:
        int code = cli(sock)

        then:
        code == 2
        err.contains("ssh-agent at ${sock} was unreachable (${why})")
        !err.contains('Exception')

        where:
        kind           || why
        'missing'      || 'no such file'
        'dead socket'  || 'nothing answers there: Connection refused'
    }
}
