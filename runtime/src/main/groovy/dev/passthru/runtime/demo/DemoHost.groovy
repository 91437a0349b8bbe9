package dev.passthru.runtime.demo

import dev.passthru.runtime.shell.ShellWords
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * What the built-in demo hosts share: a simulated host in this process that keeps its state for the life
 * of one passthru command. It reads each command as sh would split it (no shell expansion is simulated),
 * answers like the real tools, and reboots like a real host: {@code reboot} drops the connection, and the
 * next reconnect boots the host with a new boot id. Commands it does not know answer like bash: exit 127.
 */
@CompileStatic
abstract class DemoHost implements Transport {
    private boolean goingDown = false
    /** Every command received, in order (specs check that plan sends no write). */
    final List<String> received = []

    /** Answers one command; {@code argv} is the command split into words. */
    protected abstract CommandResult answer(String command, List<String> argv, String stdin)

    /** Boots the host after a reboot: configured changes take effect, the boot id changes. */
    protected abstract void boot()

    @Override
    CommandResult run(String command) { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) {
        received << command
        if (goingDown) throw new ConnectionLostException("connection to ${label()} closed (host is rebooting)")
        CommandResult special = answerLine(command)
        if (special != null) return special
        List<String> argv
        try {
            argv = ShellWords.split(command)
        } catch (IllegalArgumentException e) {
            return new CommandResult(command, 2, '', "bash: ${e.message}\n")
        }
        if (!argv) return ok(command, '')
        if (argv == ['reboot']) {
            goingDown = true
            throw new ConnectionLostException("connection to ${label()} closed by remote host")
        }
        answer(command, argv, stdin)
    }

    /** A whole command line with shell syntax the host answers as one (a fixed pipeline); null for none. */
    protected CommandResult answerLine(String command) { null }

    /** Boots the host if it was going down; otherwise a new connection to the same boot. */
    @Override
    void reconnect() {
        if (goingDown) {
            boot()
            goingDown = false
        }
    }

    @Override
    void close() {}

    protected static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    protected static CommandResult fail(String command, int exit, String err) { new CommandResult(command, exit, '', err) }

    protected static CommandResult usage(String command) { new CommandResult(command, 1, '', "demo host: unsupported use: ${command}\n") }

    protected static CommandResult notFound(String command, String program) { new CommandResult(command, 127, '', "bash: ${program}: command not found\n") }
}
