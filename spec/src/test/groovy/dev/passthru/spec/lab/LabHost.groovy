package dev.passthru.spec.lab

import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.transport.HostUnreachableException
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.spec.Repo
import spock.util.concurrent.PollingConditions

/**
 * The lab host (lab/lab.sh) for specs: built under spec/target/lab with its key, booted on a free 127.0.0.1 port,
 * stopped at the end. Needs qemu-system-x86 (lab.sh installs it when run as root) and Debian's package mirror (the
 * kernel and tools are downloaded once, then cached). {@link #topology} is lab.sh's topology variant, {@link XenLabHost}
 * the same for lab/xen-lab.sh.
 */
class LabHost implements Closeable {
    final File dir
    final File key
    final int port
    private final String script
    private final String dirVariable
    private final int waitSeconds
    private final Map<String, String> environment

    /** The KVM lab (lab/lab.sh); its key is made once and kept between runs. */
    LabHost() { this('lab', 'lab/lab.sh', 'PASSTHRU_LAB_DIR', 180, false) }

    /**
     * The KVM lab's topology variant {@code name} (lab.sh's PASSTHRU_LAB_TOPOLOGY), under spec/target/lab-{@code name}
     * with its own persistent dir; the downloaded packages are shared with the default lab's cache.
     */
    static LabHost topology(String name) {
        new LabHost("lab-${name}", 'lab/lab.sh', 'PASSTHRU_LAB_DIR', 180, false,
                [PASSTHRU_LAB_TOPOLOGY: name, PASSTHRU_LAB_DEBS: new File(Repo.file('spec/target'), 'lab/work/debs').path])
    }

    /** A lab built by {@code script} under spec/target/{@code name}, its work directory passed in {@code dirVariable}. */
    protected LabHost(String name, String script, String dirVariable, int waitSeconds, boolean freshKey) {
        this(name, script, dirVariable, waitSeconds, freshKey, [:])
    }

    /** The same, with more variables for the script. */
    protected LabHost(String name, String script, String dirVariable, int waitSeconds, boolean freshKey,
                      Map<String, String> environment) {
        this.environment = environment
        this.dir = new File(Repo.file('spec/target'), name)
        this.key = new File(dir, 'id_ed25519')
        this.script = script
        this.dirVariable = dirVariable
        this.waitSeconds = waitSeconds
        dir.mkdirs()
        if (freshKey) {
            key.delete()
            new File(key.path + '.pub').delete()
        }
        if (!key.exists()) run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path])
        port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }

    /** Builds the lab, boots it and waits until it runs a command over SSH. */
    LabHost start() {
        lab('build', key.path + '.pub')
        lab('start', "${port}".toString())
        lab('wait', "${port}".toString(), "${waitSeconds}".toString())
        awaitCommand()
        this
    }

    /**
     * Polls (up to the lab's wait) until {@code true} runs over SSH: the emulated guest's SSH server sends its banner
     * before a slow boot lets it finish a key exchange (a busy machine has stalled a Xen dom0 for 26 s there), and the
     * specs' first command should not be the one that finds out. Its own known_hosts, so a spec's first contact still
     * meets the host key as new.
     */
    private void awaitCommand() {
        File knownHosts = new File(dir, 'known_hosts.ready')
        knownHosts.text = ''
        SshOptions options = new SshOptions(knownHosts: knownHosts, identities: [key], defaultIdentities: false,
                acceptNewHostKey: true, connectTimeoutMs: 10_000, commandTimeoutMs: 60_000)
        new PollingConditions(timeout: waitSeconds, delay: 1).eventually {
            String failure
            try {
                int exit = new SshTransport(new SshTarget('root', '127.0.0.1', port), options)
                        .withCloseable { it.run('true').exit }
                failure = exit == 0 ? null : "true exited ${exit}"
            } catch (HostUnreachableException e) {
                failure = e.message
            }
            assert failure == null
        }
    }

    private void lab(String... args) { run([Repo.file(script).path] + (args as List)) }

    private void run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        pb.environment()[dirVariable] = new File(dir, 'work').path
        pb.environment().putAll(environment)
        Process p = pb.start()
        String out = p.inputStream.getText('UTF-8')
        if (p.waitFor() != 0) throw new IllegalStateException("${argv.join(' ')} failed:\n${out}")
    }

    @Override
    void close() { lab('stop') }
}
