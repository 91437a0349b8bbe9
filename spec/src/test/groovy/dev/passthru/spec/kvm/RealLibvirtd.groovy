package dev.passthru.spec.kvm

/**
 * The machine's real libvirt daemon with the QEMU driver ({@code qemu:///system}), for specs that let libvirt itself
 * judge a domain XML (define, read back, attach-device --config). Started once as {@code libvirtd -d} when it does not
 * run yet: its parent exits only after the daemon's sockets are set up, so no wait follows. Needs root, Debian's
 * libvirt-daemon and libvirt-daemon-driver-qemu, and the libvirt-qemu user and group (.ci/run sets all of that up);
 * a spec fails, not skips, when they are missing.
 */
final class RealLibvirtd {
    static final String URI = 'qemu:///system'
    private static boolean checked

    private RealLibvirtd() {}

    /** The daemon's URI, starting the daemon first if it does not answer. */
    static synchronized String uri() {
        if (!checked) {
            if (!answers()) start()
            checked = true
        }
        URI
    }

    private static boolean answers() { run(['virsh', '-c', URI, 'uri']).exit == 0 }

    private static void start() {
        String daemon = ['/usr/sbin/libvirtd', '/usr/local/sbin/libvirtd'].find { new File(it).canExecute() }
        if (!daemon) {
            throw new IllegalStateException('libvirtd not found: install libvirt-daemon and ' +
                    'libvirt-daemon-driver-qemu (.ci/run does)')
        }
        if (System.getProperty('user.name') != 'root') {
            throw new IllegalStateException("qemu:///system needs root; the specs run as ${System.getProperty('user.name')}")
        }
        if (run(['getent', 'passwd', 'libvirt-qemu']).exit != 0 || run(['getent', 'group', 'libvirt-qemu']).exit != 0) {
            throw new IllegalStateException('the libvirt-qemu user and group do not exist (libvirtd runs QEMU as them; ' +
                    '.ci/run creates them)')
        }
        ['/var/log/libvirt', '/var/run/libvirt', '/var/lib/libvirt'].each { new File(it).mkdirs() }
        Result r = run([daemon, '-d'])
        if (r.exit != 0) throw new IllegalStateException("libvirtd -d failed: ${r}")
        Result probe = run(['virsh', '-c', URI, 'uri'])
        if (probe.exit != 0) throw new IllegalStateException("libvirtd started but ${URI} does not answer: ${probe}")
    }

    /** A command's exit status and combined output. */
    static final class Result {
        int exit
        String out
        String toString() { "exit ${exit}: ${out}" }
    }

    static Result run(List<String> argv) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.getText('UTF-8')
        new Result(exit: p.waitFor(), out: out)
    }
}
