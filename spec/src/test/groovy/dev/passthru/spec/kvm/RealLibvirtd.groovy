package dev.passthru.spec.kvm

/**
 * The machine's real libvirt daemon with the QEMU driver ({@code qemu:///system}), for specs that let libvirt itself
 * judge a domain XML (define, read back, attach-device --config). Started once as {@code libvirtd -d} when it does not
 * answer yet: its parent exits only after the daemon's sockets are set up, and a client that connects while the
 * drivers still initialise waits for them, so no wait follows. Needs root (qemu:///system is the privileged daemon),
 * Debian's libvirt-daemon and libvirt-daemon-driver-qemu, a QEMU, and the libvirt-qemu user and group that Debian's
 * QEMU driver runs guests as (.ci/run sets all of that up); a spec fails, not skips, when any is missing, with a
 * message naming what to install or create. The daemon is shared (other specs, other runs): specs define domains
 * under unique names and undefine them, and never stop it.
 */
final class RealLibvirtd {
    static final String URI = 'qemu:///system'
    private static final List<String> DAEMONS = ['/usr/sbin/libvirtd', '/usr/local/sbin/libvirtd']
    private static boolean checked
    private static Boolean kvm

    private RealLibvirtd() {}

    /** The daemon's URI, starting the daemon first if it does not answer. */
    static synchronized String uri() {
        if (!checked) {
            if (!answers()) start()
            checked = true
        }
        URI
    }

    /** Whether this host's QEMU offers virt type kvm (capabilities list it: /dev/kvm exists), read once. */
    static synchronized boolean kvm() {
        if (kvm == null) {
            Result caps = run(['virsh', '-c', uri(), 'capabilities'])
            if (caps.exit != 0) throw new IllegalStateException("virsh capabilities failed: ${caps}")
            kvm = caps.out.contains("<domain type='kvm'")
        }
        kvm
    }

    /** Runs virsh against the daemon; stdin, when given, is the command's standard input. */
    static Result virsh(List<String> args, String stdin = null) {
        run(['virsh', '-q', '-c', uri()] + args, stdin)
    }

    /** The libvirtd binary (null: not installed). */
    static String daemon() { DAEMONS.find { new File(it).canExecute() } }

    private static boolean answers() { run(['virsh', '-c', URI, 'uri']).exit == 0 }

    private static void start() {
        String problem = missing(daemon(), qemuDriver(),
                System.getProperty('user.name'), run(['getent', 'passwd', 'libvirt-qemu']).exit == 0,
                run(['getent', 'group', 'libvirt-qemu']).exit == 0)
        if (problem) {
            throw new IllegalStateException("${URI} does not answer and libvirtd cannot be started: ${problem}")
        }
        // The daemon logs to /var/log/libvirt/libvirtd.log and exits when it cannot open it; Debian's
        // libvirt-daemon-system would ship the directory. Its runtime (/run/libvirt, wherever /var/run points),
        // state and cache directories it makes itself (checked on an empty /run, /var/lib, /var/cache, /var/log and
        // /etc/libvirt).
        new File('/var/log/libvirt').mkdirs()
        Result r = run([daemon(), '-d'])
        if (r.exit != 0) throw new IllegalStateException("libvirtd -d failed: ${r}")
        Result probe = run(['virsh', '-c', URI, 'uri'])
        if (probe.exit != 0) {
            // libvirtd -d exits 0 before its drivers initialise; a driver that fails (say, no libvirt-qemu user) ends
            // the daemon, and its log says why
            File log = new File('/var/log/libvirt/libvirtd.log')
            String why = log.isFile() ? log.readLines().takeRight(3).join('\n') : '(no /var/log/libvirt/libvirtd.log)'
            throw new IllegalStateException("libvirtd started but ${URI} does not answer: ${probe}\n${why}")
        }
    }

    /** What keeps this machine from starting the daemon (null: nothing), in the words a spec failure prints. */
    static String missing(String daemon, boolean qemuDriver, String user, boolean qemuUser, boolean qemuGroup) {
        if (!daemon) return 'libvirtd not found: install libvirt-daemon and libvirt-daemon-driver-qemu (.ci/run does)'
        if (!qemuDriver) return 'libvirtd has no QEMU driver: install libvirt-daemon-driver-qemu (.ci/run does)'
        if (user != 'root') return "qemu:///system is the privileged daemon: start it as root (sudo libvirtd -d) or " +
                "run the specs as root; they run as ${user}"
        if (!qemuUser || !qemuGroup) return 'the libvirt-qemu user and group do not exist (Debian\'s QEMU driver ' +
                'runs guests as them and does not start without them; .ci/run creates them)'
        null
    }

    /** Whether the QEMU driver module is installed (Debian: /usr/lib/ARCH-TRIPLET/libvirt/connection-driver/). */
    private static boolean qemuDriver() {
        (new File('/usr/lib').listFiles() ?: new File[0]).any { File d ->
            new File(d, 'libvirt/connection-driver/libvirt_driver_qemu.so').isFile()
        }
    }

    /** A command's exit status and combined output. */
    static final class Result {
        int exit
        String out
        String toString() { "exit ${exit}: ${out}" }
    }

    static Result run(List<String> argv, String stdin = null) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        p.outputStream.withCloseable { OutputStream o -> if (stdin != null) o.write(stdin.getBytes('UTF-8')) }
        String out = p.inputStream.getText('UTF-8')
        new Result(exit: p.waitFor(), out: out)
    }
}
