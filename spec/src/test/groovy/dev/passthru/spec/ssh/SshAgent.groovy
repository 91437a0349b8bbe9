package dev.passthru.spec.ssh

/** A real ssh-agent on a socket of the spec's own, holding the keys given to {@link #add}. */
class SshAgent implements Closeable {
    final String socket
    private final String pid

    SshAgent(File dir) {
        socket = new File(dir, 'agent.sock').path
        Process p = new ProcessBuilder('ssh-agent', '-s', '-a', socket).redirectErrorStream(true).start()
        String out = p.inputStream.text // ssh-agent prints its environment once the socket is bound, then forks
        if (p.waitFor() != 0) throw new IllegalStateException("ssh-agent failed: ${out}")
        pid = (out =~ /SSH_AGENT_PID=(\d+)/)[0][1]
    }

    void add(File key) {
        ProcessBuilder pb = new ProcessBuilder('ssh-add', key.path).redirectErrorStream(true)
        pb.environment().SSH_AUTH_SOCK = socket
        Process p = pb.start()
        String out = p.inputStream.text
        if (p.waitFor() != 0) throw new IllegalStateException("ssh-add failed: ${out}")
    }

    @Override
    void close() { new ProcessBuilder('kill', pid).start().waitFor() }
}
