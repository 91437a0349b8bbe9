package dev.passthru.runtime.ssh

import com.jcraft.jsch.agentproxy.AgentProxy
import com.jcraft.jsch.agentproxy.Identity
import com.jcraft.jsch.agentproxy.connector.SSHAgentConnector
import dev.passthru.runtime.transport.AuthenticationException
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.CommandTimeoutException
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.HostKeyException
import dev.passthru.runtime.transport.HostUnreachableException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic
import net.schmizz.sshj.DefaultConfig
import net.schmizz.sshj.SSHClient
import net.schmizz.sshj.common.IOUtils
import net.schmizz.sshj.connection.channel.direct.Session
import net.schmizz.sshj.userauth.UserAuthException
import net.schmizz.sshj.userauth.keyprovider.KeyProvider
import net.schmizz.sshj.userauth.method.AuthMethod
import net.schmizz.sshj.userauth.method.AuthPassword
import net.schmizz.sshj.userauth.method.AuthPublickey
import net.schmizz.sshj.userauth.password.PasswordFinder
import net.schmizz.sshj.userauth.password.PasswordUtils
import net.schmizz.sshj.userauth.password.Resource
import org.slf4j.Logger
import org.slf4j.LoggerFactory

import java.util.concurrent.ExecutionException
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * SSH to one host with sshj: strict host-key checking, agent / key / password authentication,
 * one connection reused for every command, connect and command timeouts.
 */
@CompileStatic
class SshTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(SshTransport)
    private static final List<String> DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa']

    final SshTarget target
    private final SshOptions options
    private final ExecutorService readers = Executors.newCachedThreadPool({ Runnable r ->
        Thread t = new Thread(r, 'passthru-ssh-reader'); t.daemon = true; t
    } as ThreadFactory)
    private SSHClient client
    /** Why the ssh-agent of SSH_AUTH_SOCK could not be used (null: it could, or none is set), for the final error. */
    private String agentProblem
    private boolean agentWarned

    SshTransport(SshTarget target, SshOptions options) {
        this.target = target
        this.options = options
    }

    @Override
    String label() { target.toString() }

    /** Opens the connection now (otherwise the first command does). */
    synchronized void connect() throws TransportException {
        if (client?.isConnected() && client.isAuthenticated()) return
        closeQuietly()
        SSHClient c = new SSHClient(new DefaultConfig())
        c.connectTimeout = options.connectTimeoutMs
        c.timeout = options.connectTimeoutMs
        c.socketFactory = new NoDelaySocketFactory()
        StrictKnownHosts verifier = new StrictKnownHosts(options.knownHosts, options.acceptNewHostKey)
        c.addHostKeyVerifier(verifier)
        try {
            c.connect(target.host, target.port)
        } catch (net.schmizz.sshj.transport.TransportException e) {
            IOUtils.closeQuietly(c)
            if (verifier.failure) throw new HostKeyException(verifier.failure)
            throw new HostUnreachableException("cannot open SSH to ${target}: ${e.message}", e)
        } catch (IOException e) {
            IOUtils.closeQuietly(c)
            throw new HostUnreachableException("cannot connect to ${target}: ${e.class.simpleName}: ${e.message}", e)
        }
        c.timeout = 0 // command time is bounded by the command timeout, not the socket
        authenticate(c)
        client = c
    }

    private void authenticate(SSHClient c) throws TransportException {
        List<AuthMethod> methods = []
        List<String> tried = []
        addAgentKeys(methods, tried)
        addKeyFiles(c, methods, tried)
        if (options.password != null) {
            methods << (AuthMethod) new AuthPassword(PasswordUtils.createOneOff(options.password.clone()))
            tried << 'password'
        }
        String agent = agentProblem ? "ssh-agent at ${options.agentSocket} was unreachable (${agentProblem})" : null
        if (methods.isEmpty()) {
            IOUtils.closeQuietly(c)
            String agentPart = agent ?: 'no ssh-agent (SSH_AUTH_SOCK)'
            throw new AuthenticationException("no credentials to offer ${target}: ${agentPart}, " +
                    'no key in ~/.ssh, no --identity, no password')
        }
        try {
            c.auth(target.user, methods)
        } catch (UserAuthException e) {
            IOUtils.closeQuietly(c)
            String also = agent ? '; ' + agent : ''
            throw new AuthenticationException(
                    "${target} refused authentication as '${target.user}' (tried: ${tried.join(', ')})${also}", e)
        } catch (net.schmizz.sshj.transport.TransportException e) {
            IOUtils.closeQuietly(c)
            throw new ConnectionLostException("connection to ${target} lost during authentication: ${e.message}", e)
        }
    }

    private void addAgentKeys(List<AuthMethod> methods, List<String> tried) {
        String sock = options.agentSocket
        agentProblem = null
        if (!sock) return
        agentProblem = AgentSocket.problem(sock)
        if (agentProblem == null) {
            try {
                SSHAgentConnector connector = new SSHAgentConnector(new JdkUnixSocketFactory(), sock)
                Identity[] ids = new AgentProxy(connector).identities
                ids.each { Identity id -> methods << (AuthMethod) new AgentAuthMethod(connector, id) }
                if (ids.length) tried << "ssh-agent (${ids.length} key${ids.length == 1 ? '' : 's'})".toString()
            } catch (Exception e) {
                agentProblem = "nothing answers there: ${AgentSocket.cause(e)}"
            }
        }
        if (agentProblem != null && !agentWarned) {
            agentWarned = true
            warn("SSH_AUTH_SOCK=${sock}: ssh-agent is unreachable (${agentProblem}); trying the other credentials")
        }
    }

    private void warn(String message) {
        if (options.warnings != null) options.warnings.accept(message) else log.warn(message)
    }

    private void addKeyFiles(SSHClient c, List<AuthMethod> methods, List<String> tried) {
        List<File> files = options.identities
        if (files.isEmpty() && options.defaultIdentities) {
            File dir = new File(System.getProperty('user.home'), '.ssh')
            files = DEFAULT_KEYS.collect { String n -> new File(dir, n) }.findAll { File f -> f.isFile() }
        }
        files.each { File f ->
            if (!f.isFile()) throw new AuthenticationException("identity file ${f} does not exist")
            try {
                KeyProvider kp = options.password != null ? c.loadKeys(f.path, passphrase()) : c.loadKeys(f.path)
                kp.public // decrypts now, so a wrong or missing passphrase is reported for this file
                methods << (AuthMethod) new AuthPublickey(kp)
                tried << f.path
            } catch (Exception e) {
                log.warn('skipping key {}: {}', f,
                        e.class.simpleName == 'KeyDecryptionFailedException' || e.message?.contains('passphrase')
                        ? 'it is encrypted and no passphrase was given (--password-env)' : e.message)
            }
        }
    }

    private PasswordFinder passphrase() {
        char[] secret = options.password
        new PasswordFinder() {
            char[] reqPassword(Resource<?> resource) { secret.clone() }
            boolean shouldRetry(Resource<?> resource) { false }
        }
    }

    @Override
    CommandResult run(String command) throws TransportException { run(command, null) }

    @Override
    synchronized CommandResult run(String command, String stdin) throws TransportException {
        connect()
        Session session = null
        try {
            session = client.startSession()
            Session.Command cmd = session.exec(command)
            if (stdin != null) cmd.outputStream.write(stdin.getBytes('UTF-8'))
            cmd.outputStream.close() // end of input: the command never waits for more
            Future<byte[]> out = readers.submit(
                    { IOUtils.readFully(cmd.inputStream).toByteArray() } as java.util.concurrent.Callable<byte[]>)
            Future<byte[]> err = readers.submit(
                    { IOUtils.readFully(cmd.errorStream).toByteArray() } as java.util.concurrent.Callable<byte[]>)
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.commandTimeoutMs)
            byte[] stdout = await(out, deadline, command)
            byte[] stderr = await(err, deadline, command)
            cmd.join(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS)
            Integer exit = cmd.exitStatus
            if (exit == null) {
                String sig = cmd.exitSignal ? " (killed by signal ${cmd.exitSignal})" : ''
                if (!client.isConnected()) {
                    throw new ConnectionLostException("connection to ${target} lost while running `${command}`; " +
                            "whether it took effect is unknown")
                }
                throw new ConnectionLostException("`${command}` ended without an exit status${sig}")
            }
            new CommandResult(command, exit, new String(stdout, 'UTF-8'), new String(stderr, 'UTF-8'))
        } catch (CommandTimeoutException e) {
            closeQuietly() // the channel may still be busy; a fresh connection serves the next command
            throw e
        } catch (TransportException e) {
            throw e
        } catch (IOException e) {
            closeQuietly()
            throw new ConnectionLostException("connection to ${target} lost while running `${command}`; whether it " +
                    "took effect is unknown (${e.message})", e)
        } finally {
            if (session != null) IOUtils.closeQuietly(session)
        }
    }

    private byte[] await(Future<byte[]> f, long deadlineNanos, String command) throws IOException {
        try {
            f.get(Math.max(0L, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)
        } catch (TimeoutException e) {
            f.cancel(true)
            throw new CommandTimeoutException("`${command}` on ${target} did not finish within " +
                    "${options.commandTimeoutMs / 1000}s (--command-timeout); it was abandoned")
        } catch (ExecutionException e) {
            Throwable c = e.cause
            if (c instanceof IOException) throw (IOException) c
            throw new ConnectionLostException("reading output of `${command}` failed: ${c}", c)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt()
            throw new ConnectionLostException("interrupted while running `${command}`")
        }
    }

    @Override
    synchronized void reconnect() throws TransportException {
        closeQuietly()
        connect()
    }

    private void closeQuietly() {
        if (client != null) {
            IOUtils.closeQuietly(client)
            client = null
        }
    }

    @Override
    synchronized void close() {
        closeQuietly()
        readers.shutdownNow()
    }
}
