package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.shell.ShellWords
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.ConnectionLostException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngOutput
import groovy.transform.CompileStatic

/**
 * The built-in demo host: a simulated XCP-ng 8.3 host that keeps its state in memory for the life of
 * one passthru command. It understands the commands passthru sends (xen-cmdline, xl, xe, lspci,
 * boot_id, reboot) and answers in the output formats of the real tools (see {@link XcpngOutput} for
 * where each format is documented). A reboot drops the connection; the next reconnect boots the host:
 * the hidden devices configured become assignable, VMs are halted and the boot id changes.
 * Commands it does not know answer like bash does: exit 127, "command not found".
 */
@CompileStatic
class DemoXcpngHost implements Transport {
    static final String LABEL = 'demo-xcp-ng-8.3'

    private final DemoState state
    private boolean goingDown = false
    /** Every command received, in order (specs check that plan sends no write). */
    final List<String> received = []

    DemoXcpngHost(DemoState state = DemoState.standard()) { this.state = state }

    @Override
    String label() { LABEL }

    @Override
    CommandResult run(String command) {
        received << command
        if (goingDown) throw new ConnectionLostException("connection to ${LABEL} closed (host is rebooting)")
        List<String> argv
        try {
            argv = ShellWords.split(command)
        } catch (IllegalArgumentException e) {
            return new CommandResult(command, 2, '', "bash: ${e.message}\n")
        }
        if (!argv) return ok(command, '')
        switch (argv[0]) {
            case 'cat': return cat(command, argv)
            case 'lspci': return argv == ['lspci', '-D'] ? ok(command, state.lspci()) : usage(command)
            case 'xl': return xl(command, argv)
            case XcpngCommands.XEN_CMDLINE: return xenCmdline(command, argv)
            case 'xe': return new DemoXe(state).run(command, argv)
            case 'reboot':
                goingDown = true
                throw new ConnectionLostException("connection to ${LABEL} closed by remote host")
            default:
                return new CommandResult(command, 127, '', "bash: ${argv[0]}: command not found\n")
        }
    }

    private CommandResult cat(String command, List<String> argv) {
        if (argv == ['cat', '/proc/sys/kernel/random/boot_id']) return ok(command, state.bootId + '\n')
        new CommandResult(command, 1, '', "cat: ${argv.drop(1).join(' ')}: No such file or directory\n")
    }

    private CommandResult xl(String command, List<String> argv) {
        if (argv == ['xl', 'pci-assignable-list']) return ok(command, state.assignable.collect { "${it}\n" }.join(''))
        if (argv == ['xl', 'info']) return ok(command, state.xlInfo())
        usage(command)
    }

    private CommandResult xenCmdline(String command, List<String> argv) {
        String key = XcpngOutput.HIDE_KEY
        if (argv.size() == 3 && argv[1] == '--get-dom0') {
            String out = argv[2] == key && state.hideConfigured ? "${key}=${XcpngOutput.hideValue(state.hideConfigured)}\n".toString() : ''
            return ok(command, out)
        }
        if (argv.size() == 3 && argv[1] == '--set-dom0' && argv[2].startsWith(key + '=')) {
            state.hideConfigured = XcpngOutput.hiddenDevices(argv[2])
            return ok(command, '')
        }
        if (argv.size() == 3 && argv[1] == '--delete-dom0' && argv[2] == key) {
            state.hideConfigured = []
            return ok(command, '')
        }
        usage(command)
    }

    /** Boots the host if it was going down; otherwise a new connection to the same boot. */
    @Override
    void reconnect() {
        if (goingDown) {
            state.boot()
            goingDown = false
        }
    }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult usage(String command) { new CommandResult(command, 1, '', "demo host: unsupported use: ${command}\n") }

    @Override
    void close() {}
}
