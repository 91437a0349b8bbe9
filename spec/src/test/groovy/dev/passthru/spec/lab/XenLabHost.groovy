package dev.passthru.spec.lab

import dev.passthru.spec.Repo

/**
 * The Xen lab host (lab/xen-lab.sh) for specs: built under spec/target/xen-lab with a fresh key, booted on a
 * free 127.0.0.1 port, stopped at the end. Needs qemu-system-x86 (xen-lab.sh installs it when run as root)
 * and Debian's package mirror (Xen, the kernel and the tools are downloaded once, then cached).
 */
class XenLabHost implements Closeable {
    final File dir = new File(Repo.file('spec/target'), 'xen-lab')
    final File key = new File(dir, 'id_ed25519')
    final int port

    XenLabHost() {
        dir.mkdirs()
        key.delete()
        new File(key.path + '.pub').delete()
        run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path])
        port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }

    /** Builds the lab, boots it and waits for its SSH server. */
    XenLabHost start() {
        lab('build', key.path + '.pub')
        lab('start', "${port}".toString())
        lab('wait', "${port}".toString(), '240')
        this
    }

    /** A file of the lab's persistent directory (dom0's /etc/default, /boot and /var/lib), as the host sees it. */
    File persistent(String path) { new File(new File(dir, 'work/persist'), path) }

    private void lab(String... args) { run([Repo.file('lab/xen-lab.sh').path] + (args as List)) }

    private void run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        pb.environment().PASSTHRU_XEN_LAB_DIR = new File(dir, 'work').path
        Process p = pb.start()
        String out = p.inputStream.getText('UTF-8')
        if (p.waitFor() != 0) throw new IllegalStateException("${argv.join(' ')} failed:\n${out}")
    }

    @Override
    void close() { lab('stop') }
}
