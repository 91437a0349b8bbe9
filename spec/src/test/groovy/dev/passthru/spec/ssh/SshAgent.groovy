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
    /**
     * Stops the agent and waits until it is gone: it removes its socket on the way out, which must not race
     * the cleanup of the spec's temporary directory.
     */
    void close() {
        Optional<ProcessHandle> agent = ProcessHandle.of(pid as long)
        new ProcessBuilder('kill', pid).start().waitFor()
        agent.ifPresent { ProcessHandle h -> h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS) }
    }
}
