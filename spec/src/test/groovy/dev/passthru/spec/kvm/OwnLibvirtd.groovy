package dev.passthru.spec.kvm

/**
 * A real libvirtd of a spec's own (the same daemon and QEMU driver as {@link RealLibvirtd}), for a real sshd whose
 * sessions must see only the domains the spec defines: {@link #launcher} runs the sshd in a private mount namespace
 * (unshare -m) where libvirt's directories (/run/libvirt, /etc/libvirt, /var/lib/libvirt, /var/cache/libvirt,
 * /var/log/libvirt) are empty, and starts libvirtd -d there first, so qemu:///system in an SSH session is this daemon.
 * The shared daemon (other specs, other runs defining hundreds of domains) stays out of the facts a recipe reads.
 * Needs root (mount namespaces); fails, not skips, without it.
 */
final class OwnLibvirtd implements Closeable {
    private static final String READY = 'own libvirtd pid '
    private final File script
    private Long pid

    /** Writes the launcher script into {@code dir}. */
    OwnLibvirtd(File dir) {
        script = new File(dir, 'own-libvirtd.sh')
        script.text = """\
            set -e
            for d in /run/libvirt /etc/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt; do
              mkdir -p "\$d"; mount -t tmpfs -o mode=0755 passthru-spec "\$d"
            done
            ${RealLibvirtd.daemon()} -d -p /run/libvirt/libvirtd.pid
            virsh -c ${RealLibvirtd.URI} uri >/dev/null || {
              echo "own libvirtd does not answer:"; tail -3 /var/log/libvirt/libvirtd.log; exit 1; }
            echo "${READY}\$(cat /run/libvirt/libvirtd.pid)"
            exec "\$@"
            """.stripIndent()
    }

    /** The command prefix that runs a server (its argv follows) in the namespace with this daemon. */
    List<String> launcher() { ['unshare', '-m', '--propagation', 'private', 'sh', script.path] }

    /** Takes the daemon's pid from the server's log (call once the server is up). */
    void started(List<String> log) {
        String line = new ArrayList<String>(log).find { it.startsWith(READY) }
        if (!line) throw new IllegalStateException("own libvirtd did not start: ${log.join('\n')}")
        pid = line.substring(READY.length()).trim() as Long
    }

    /** Runs virsh against this daemon (in its namespace); stdin, when given, is the command's standard input. */
    RealLibvirtd.Result virsh(List<String> args, String stdin = null) {
        if (pid == null) throw new IllegalStateException('own libvirtd not started')
        RealLibvirtd.run(['nsenter', '-t', pid.toString(), '-m', 'virsh', '-q', '-c', RealLibvirtd.URI] + args, stdin)
    }

    /** Stops the daemon (its namespace goes with it). */
    @Override
    void close() {
        if (pid != null) RealLibvirtd.run(['kill', pid.toString()])
        pid = null
    }
}
