package dev.passthru.runtime.serve

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.demo.TwinCannotAnswerException
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic
import org.apache.sshd.common.config.keys.KeyUtils
import org.apache.sshd.common.config.keys.PublicKeyEntry
import org.apache.sshd.common.io.IoAcceptor
import org.apache.sshd.common.io.IoServiceEventListener
import org.apache.sshd.common.session.Session
import org.apache.sshd.common.session.SessionListener
import org.apache.sshd.server.Environment
import org.apache.sshd.server.ExitCallback
import org.apache.sshd.server.SshServer
import org.apache.sshd.server.channel.ChannelSession
import org.apache.sshd.server.command.Command
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider

import java.nio.file.Path
import java.security.KeyPair
import java.security.PublicKey

/**
 * A real SSH server on 127.0.0.1 (Apache MINA SSHD) in front of a simulated host: each exec request
 * runs the command on the host, with the channel's standard input, and returns its output and exit
 * status. A command that drops the host's connection (reboot) closes the SSH session, and the next
 * session reaches the rebooted host, as with a real machine. Public-key login only, from an
 * authorized_keys file; the host key is kept in a file so known_hosts stays valid across restarts.
 * {@link Faults} lets specs break things on purpose.
 */
@CompileStatic
class DemoSshServer implements Closeable {
    private final Transport host
    private final SshServer server
    private final SimpleGeneratorHostKeyProvider keys
    private SimpleGeneratorHostKeyProvider currentKeys
    final Faults faults = new Faults()

    DemoSshServer(Transport host, Path hostKey, Path authorizedKeys, int port = 0) {
        this.host = host
        server = SshServer.setUpDefaultServer()
        server.host = '127.0.0.1'
        server.port = port
        // answer each command at once: with Nagle on, every small reply waits for a delayed ACK (~40 ms)
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(server, true)
        keys = new SimpleGeneratorHostKeyProvider(hostKey)
        keys.algorithm = KeyUtils.EC_ALGORITHM
        currentKeys = keys
        server.keyPairProvider = keys
        server.publickeyAuthenticator = new AuthorizedKeysAuthenticator(authorizedKeys)
        // password login is refused until acceptPassword says otherwise (offered always, so it can be turned on while
        // running)
        server.passwordAuthenticator =
                { String user, String given, org.apache.sshd.server.session.ServerSession s -> password != null &&
                given == password } as org.apache.sshd.server.auth.password.PasswordAuthenticator
        server.keyboardInteractiveAuthenticator = null
        server.commandFactory =
                { ChannelSession channel, String command -> new HostCommand(
                command) } as org.apache.sshd.server.command.CommandFactory
        server.ioServiceEventListener = new IoServiceEventListener() {
            @Override
            void connectionAccepted(IoAcceptor acceptor, java.net.SocketAddress local, java.net.SocketAddress remote,
                    java.net.SocketAddress service) throws IOException {
                if (faults.refuseConnection()) throw new IOException('demo host is still booting (fault injected)')
            }
        }
        faults.changeHostKey = {
            SimpleGeneratorHostKeyProvider other =
                    new SimpleGeneratorHostKeyProvider(hostKey.resolveSibling(hostKey.fileName.toString() + '.other'))
            other.algorithm = KeyUtils.EC_ALGORITHM
            server.keyPairProvider = other
            currentKeys = other
        } as Runnable
        server.addSessionListener(new SessionListener() {
            @Override
            void sessionCreated(Session session) {
                synchronized (DemoSshServer.this.host) { DemoSshServer.this.host.reconnect() }
            }
        })
    }

    /** Also accepts this password for any user (specs of password login); null: keys only. */
    DemoSshServer acceptPassword(String password) { this.password = password; this }

    private volatile String password

    DemoSshServer start() { server.start(); this }

    int getPort() { server.port }

    /** The line for a known_hosts file that trusts this server (its current host key). */
    String knownHostsLine() {
        KeyPair kp = currentKeys.loadKeys(null).iterator().next()
        "[127.0.0.1]:${port} ${PublicKeyEntry.toString((PublicKey) kp.public)}\n".toString()
    }

    @Override
    void close() { server.stop(true) }

    /** One exec request: runs on the simulated host in its own thread, one command at a time per host. */
    private class HostCommand implements Command {
        private final String command
        private InputStream input
        private OutputStream output
        private OutputStream error
        private ExitCallback exit
        private Thread worker

        HostCommand(String command) { this.command = command }

        void setInputStream(InputStream in) { this.input = in }

        void setOutputStream(OutputStream out) { this.output = out }

        void setErrorStream(OutputStream err) { this.error = err }

        void setExitCallback(ExitCallback callback) { this.exit = callback }

        void start(ChannelSession channel, Environment env) {
            worker = Thread.start("demo-ssh ${command.take(40)}") { serve(channel) }
        }

        private void serve(ChannelSession channel) {
            try {
                String stdin = new String(input.readAllBytes(), 'UTF-8')
                Faults.Action action = faults.before(command)
                if (action == Faults.Action.DROP_BEFORE) { channel.session.close(true); return }
                if (action == Faults.Action.HANG) { faults.hung(); return }
                if (action == Faults.Action.FAIL) {
                    error.write("injected failure: ${command}\n".toString().getBytes('UTF-8'))
                    error.flush()
                    exit.onExit(1)
                    return
                }
                CommandResult r
                try {
                    synchronized (host) { r = host.run(command, stdin.isEmpty() ? null : stdin) }
                } catch (ConnectionLostException e) {
                    faults.dropped(command)
                    channel.session.close(true)
                    return
                } catch (CommandTimeoutException e) {
                    return
                } catch (TwinCannotAnswerException e) {
                    r = new CommandResult(command, TwinCannotAnswerException.EXIT, '', "passthru: ${e.message}\n")
                }
                if (action == Faults.Action.DROP_AFTER) { channel.session.close(true); return }
                if (action == Faults.Action.SLOW) {
                    r.stdout.readLines().each { String l ->
                        output.write((l + '\n').getBytes('UTF-8'))
                        output.flush()
                        faults.slowLine()
                    }
                } else {
                    output.write(r.stdout.getBytes('UTF-8'))
                }
                error.write(r.stderr.getBytes('UTF-8'))
                output.flush()
                error.flush()
                exit.onExit(r.exit)
            } catch (IOException e) {
                channel.session.close(true)
            }
        }

        void destroy(ChannelSession channel) { worker?.interrupt() }
    }
}
