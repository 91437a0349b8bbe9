package dev.passthru.spec.lab

import dev.passthru.spec.Repo

/**
 * The lab host (lab/lab.sh) for specs: built under spec/target/lab with a fresh key, booted on a free
 * 127.0.0.1 port, stopped at the end. Needs qemu-system-x86 (lab.sh installs it when run as root) and
 * Debian's package mirror (the kernel and tools are downloaded once, then cached).
 */
class LabHost implements Closeable {
    final File dir = new File(Repo.file('spec/target'), 'lab')
    final File key = new File(dir, 'id_ed25519')
    final int port

    LabHost() {
        dir.mkdirs()
        if (!key.exists()) run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key.path])
        port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }

    LabHost start() {
        lab('build', key.path + '.pub')
        lab('start', "${port}".toString())
        lab('wait', "${port}".toString(), '180')
        this
    }

    private void lab(String... args) { run([Repo.file('lab/lab.sh').path] + (args as List)) }

    private void run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        pb.environment().PASSTHRU_LAB_DIR = new File(dir, 'work').path
        Process p = pb.start()
        String out = p.inputStream.getText('UTF-8')
        if (p.waitFor() != 0) throw new IllegalStateException("${argv.join(' ')} failed:\n${out}")
    }

    @Override
    void close() { lab('stop') }
}
