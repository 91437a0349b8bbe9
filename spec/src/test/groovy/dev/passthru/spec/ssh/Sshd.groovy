package dev.passthru.spec.ssh

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * A real OpenSSH server for specs: `sshd -D -e -f CONFIG` on a free 127.0.0.1 port, with its own
 * host key and authorized keys, run as the current user. Ready when sshd logs "Server listening"
 * (read from its stderr, never guessed with a sleep). Its log is kept for assertions.
 */
class Sshd implements Closeable {
    final File dir
    final int port
    final File hostKey
    final File clientKey
    final File rsaClientKey
    final List<String> log = Collections.synchronizedList([])
    /** A command prefix sshd runs under (e.g. a private mount namespace); empty: none. */
    List<String> launcher = []
    private Process process

    Sshd(File dir) {
        this.dir = dir
        this.port = freePort()
        this.hostKey = keygen('host_ed25519', 'ed25519')
        this.clientKey = keygen('client_ed25519', 'ed25519')
        this.rsaClientKey = keygen('client_rsa', 'rsa')
        new File(dir, 'authorized_keys').text = new File(clientKey.path + '.pub').text + new File(rsaClientKey.path + '.pub').text
    }

    static String sshdPath() {
        ['/usr/sbin/sshd', '/usr/local/sbin/sshd'].find { new File(it).canExecute() }
    }

    Sshd start() {
        String sshd = sshdPath()
        if (!sshd) throw new IllegalStateException('sshd not found: install openssh-server (.ci/run does)')
        if (System.getProperty('user.name') == 'root') new File('/run/sshd').mkdirs() // privilege separation directory
        File config = new File(dir, 'sshd_config')
        config.text = """\
            Port ${port}
            ListenAddress 127.0.0.1
            HostKey ${hostKey}
            PidFile ${new File(dir, 'sshd.pid')}
            AuthorizedKeysFile ${new File(dir, 'authorized_keys')}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            PrintMotd no
            LogLevel VERBOSE
            """.stripIndent()
        process = new ProcessBuilder(launcher + [sshd, '-D', '-e', '-f', config.path]).redirectErrorStream(true).start()
        CountDownLatch ready = new CountDownLatch(1)
        Thread.start('sshd-log') {
            try {
                process.inputStream.eachLine('UTF-8') { String line ->
                    log << line
                    if (line.contains("Server listening on 127.0.0.1 port ${port}")) ready.countDown()
                }
            } catch (IOException ignored) {
                // sshd stopped: the stream closes under the reader
            } finally {
                ready.countDown()
            }
        }
        if (!ready.await(20, TimeUnit.SECONDS) || !process.alive) {
            throw new IllegalStateException("sshd did not start: ${log.join('\n')}")
        }
        this
    }

    /** A known_hosts line for this server, as OpenSSH writes it for a non-22 port. */
    String knownHostsLine() {
        String[] pub = new File(hostKey.path + '.pub').text.trim().split(' ')
        "[127.0.0.1]:${port} ${pub[0]} ${pub[1]}\n"
    }

    int count(String text) { new ArrayList<String>(log).count { it.contains(text) } as int }

    private File keygen(String name, String type) {
        File f = new File(dir, name)
        List<String> cmd = ['ssh-keygen', '-q', '-t', type, '-N', '', '-C', name, '-f', f.path]
        if (type == 'rsa') cmd += ['-b', '2048']
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start()
        String out = p.inputStream.text
        if (p.waitFor() != 0) throw new IllegalStateException("ssh-keygen failed: ${out}")
        f
    }

    private static int freePort() {
        new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }

    @Override
    void close() {
        process?.destroy()
        process?.waitFor(10, TimeUnit.SECONDS)
        if (process?.alive) process.destroyForcibly()
    }
}
