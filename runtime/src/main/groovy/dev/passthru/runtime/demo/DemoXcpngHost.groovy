package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngOutput
import groovy.transform.CompileStatic

/**
 * The built-in demo host: a simulated XCP-ng 8.3 host (2 NUMA nodes, VT-d on) that keeps its state in memory for the life of
 * one passthru command. It understands the commands passthru sends (xen-cmdline, xl, xe, lspci,
 * boot_id, reboot) and answers in the output formats of the real tools (see {@link XcpngOutput} for
 * where each format is documented). A reboot drops the connection; the next reconnect boots the host:
 * the hidden devices configured become assignable, VMs are halted and the boot id changes.
 * Commands it does not know answer like bash does: exit 127, "command not found".
 */
@CompileStatic
class DemoXcpngHost extends DemoHost {
    static final String LABEL = 'demo-xcp-ng-8.3'

    private final DemoState state

    DemoXcpngHost(DemoState state = DemoState.standard()) { this.state = state }

    @Override
    String label() { LABEL }

    @Override
    protected CommandResult answer(String command, List<String> argv, String stdin) {
        switch (argv[0]) {
            case 'cat': return cat(command, argv)
            case 'lspci': return argv == ['lspci', '-nnk', '-D'] ? ok(command, state.lspci()) : usage(command)
            case 'xl': return xl(command, argv)
            case XcpngCommands.XEN_CMDLINE: return xenCmdline(command, argv)
            case 'xe': return new DemoXe(state).run(command, argv)
            default: return notFound(command, argv[0])
        }
    }

    private CommandResult cat(String command, List<String> argv) {
        if (argv == ['cat', '/proc/sys/kernel/random/boot_id']) return ok(command, state.bootId + '\n')
        if (argv == ['cat', '/etc/os-release']) return ok(command, DemoState.OS_RELEASE.replace('8.3.0', state.version))
        new CommandResult(command, 1, '', "cat: ${argv.drop(1).join(' ')}: No such file or directory\n")
    }

    private CommandResult xl(String command, List<String> argv) {
        if (argv == ['xl', 'pci-assignable-list']) return ok(command, state.assignable.collect { "${it}\n" }.join(''))
        if (argv == ['xl', 'info']) return ok(command, state.xlInfo())
        if (argv == ['xl', 'info', '-n']) return ok(command, state.xlInfoNuma())
        usage(command)
    }

    private CommandResult xenCmdline(String command, List<String> argv) {
        String key = XcpngOutput.HIDE_KEY
        if (argv == [XcpngCommands.XEN_CMDLINE, '--get-xen', 'extra_guest_irqs']) {
            return ok(command, state.extraGuestIrqs ? "extra_guest_irqs=${state.extraGuestIrqs}\n".toString() : '')
        }
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

    /** The sysfs listings (shell globs and loops, answered as whole lines). */
    @Override
    protected CommandResult answerLine(String command) {
        if (command == PciCommands.PHYSFNS) return ok(command, state.physfn.collect { vf, pf -> "${vf} ../${pf}\n" }.join(''))
        null
    }

    @Override
    protected Map<String, String> tools() { [xe: '/opt/xensource/bin/xe', xl: '/usr/sbin/xl'] }

    @Override
    protected void boot() { state.boot() }
}
