package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.pci.PciCommands
import groovy.transform.CompileStatic

/**
 * The built-in demo host: a simulated XCP-ng 8.3 host (2 NUMA nodes, VT-d on) that keeps its state in memory for the
 * life of
 * one passthru command. It understands the commands passthru sends (xen-cmdline, xl, xe, lspci,
 * boot_id, reboot) and answers in the output formats of the real tools, rendered here from their
 * documentation and sources (named where each is printed), never by passthru's own readers. A reboot drops the
 * connection; the next reconnect boots the host:
 * the hidden devices configured become assignable, VMs are halted and the boot id changes.
 * A tool dom0 does not have answers like bash does (exit 127, "command not found"); a command or a use of a tool it
 * does not model is a {@link TwinCannotAnswerException}, never invented output.
 */
@CompileStatic
class DemoXcpngHost extends DemoHost {
    static final String LABEL = 'demo-xcp-ng-8.3'
    /** Where XCP-ng installs xen-cmdline. */
    static final String XEN_CMDLINE = '/opt/xensource/libexec/xen-cmdline'
    /** dom0's kernel parameter naming the devices pciback takes at boot (xen-pciback.hide=(BDF)(BDF)). */
    static final String HIDE_KEY = 'xen-pciback.hide'

    /** The host's state (what a twin file writes down). */
    final DemoState state

    DemoXcpngHost(DemoState state = DemoState.standard()) { this.state = state }

    @Override
    String label() { state.label ?: LABEL }

    @Override
    protected CommandResult answer(String command, List<String> argv, String stdin) {
        CommandResult usb = new DemoUsbHost(state.usb).answer(command, argv, stdin)
        if (usb != null) return usb
        switch (argv[0]) {
            case 'cat': return cat(command, argv)
            case 'lspci': return argv == ['lspci', '-nnk', '-D'] ? ok(command, state.lspci()) : usage(command)
            case 'xl': return xl(command, argv)
            case XEN_CMDLINE: return xenCmdline(command, argv)
            case 'xe': return new DemoXe(state).run(command, argv)
            case 'xe-install-supplemental-pack': return new DemoXeGpu(state).installPack(command, argv)
            case 'find': return find(command, argv)
            default: return HOST_TOOLS.contains(argv[0]) ? notFound(command, argv[0]) : usage(command)
        }
    }

    private CommandResult cat(String command, List<String> argv) {
        if (argv == ['cat', '/proc/sys/kernel/random/boot_id']) return ok(command, state.bootId + '\n')
        if (argv == ['cat', '/etc/os-release']) return ok(command, DemoState.OS_RELEASE.replace('8.3.0', state.version))
        if (argv == ['cat', '/proc/cmdline']) return ok(command, state.dom0Commandline() + '\n')
        usage(command)
    }

    /**
     * The IOMMU groups: in a PV dom0 Linux has no IOMMU driver (Xen owns the IOMMU), so no device joins a group, but
     * the directory exists (drivers/iommu/iommu.c, iommu_init, creates it at boot): find prints nothing and exits 0.
     */
    private CommandResult find(String command, List<String> argv) {
        argv == ['find', '/sys/kernel/iommu_groups', '-type', 'l'] ? ok(command, '') : usage(command)
    }

    private CommandResult xl(String command, List<String> argv) {
        // xl_pci.c pciassignable_list: "%04x:%02x:%02x.%01x %s\n" per device, the name empty without -n, so each
        // line ends with a space (as the real Xen 4.17 lab printed it: real/xen-lab-dom0/xl_pci-assignable-list.out)
        if (argv == ['xl', 'pci-assignable-list']) {
            return ok(command, state.assignable.collect { "${DemoLspci.slot(it)} \n" }.join(''))
        }
        if (argv == ['xl', 'info']) return ok(command, state.xlInfo())
        if (argv == ['xl', 'info', '-n']) return ok(command, state.xlInfoNuma())
        new DemoXl(state).run(command, argv) ?: usage(command)
    }

    /**
     * xen-cmdline (XCP-ng's script editing the boot entry): --get-dom0 KEY prints "KEY=VALUE" when set, an empty line
     * otherwise (the script prints its matches joined by newlines, as the Xen lab's recorded session shows);
     * --set-dom0 KEY=VALUE and --delete-dom0 KEY print nothing. The lines are those of the next boot; a reboot makes
     * them the running ones (xl info's xen_commandline, /proc/cmdline).
     */
    private CommandResult xenCmdline(String command, List<String> argv) {
        if (argv.size() == 3 && argv[1] == '--get-xen') {
            return getOption(command, state.configuredXenCmdline(), argv[2])
        }
        if (argv.size() == 3 && argv[1] == '--get-dom0' && argv[2] == HIDE_KEY) {
            String value = state.hideConfigured.collect { "(${DemoLspci.slot(it)})" }.join('')
            return ok(command, value ? "${HIDE_KEY}=${value}\n".toString() : '\n')
        }
        if (argv.size() == 3 && argv[1] == '--get-dom0') {
            return getOption(command, state.configuredDom0Cmdline(), argv[2])
        }
        if (argv.size() == 3 && argv[1] == '--set-dom0' && argv[2].startsWith(HIDE_KEY + '=')) {
            List<PciAddress> hidden = hideList(argv[2].substring(HIDE_KEY.length() + 1))
            if (hidden == null) return usage(command)
            state.hideConfigured = hidden
            return ok(command, '')
        }
        if (argv.size() == 3 && argv[1] == '--delete-dom0' && argv[2] == HIDE_KEY) {
            state.hideConfigured = []
            return ok(command, '')
        }
        if (argv.size() == 3 && argv[1] in ['--set-xen', '--set-dom0', '--delete-xen', '--delete-dom0']) {
            return edit(command, argv[1], argv[2])
        }
        usage(command)
    }

    /**
     * --set-xen/--set-dom0 KEY=VALUE (in place when the key is there, else appended) or a flag KEY (replacing the key's
     * arguments, appended), and --delete-xen/--delete-dom0 KEY (every occurrence) on the line for the next boot; they
     * print nothing.
     */
    private CommandResult edit(String command, String action, String arg) {
        boolean set = action.startsWith('--set-')
        int eq = arg.indexOf('=')
        if (eq == 0 || (!set && eq > 0)) return usage(command)
        String key = eq < 0 ? arg : arg.substring(0, eq)
        boolean xen = action.endsWith('-xen')
        String line = xen ? state.configuredXenCmdline() : state.configuredDom0Cmdline()
        String next = set && eq < 0 ? withFlag(line, arg)
                : DemoKernelCmdline.withParam(line, key, set ? arg.substring(eq + 1) : null, false)
        if (xen) state.nextXenCmdline = next else state.nextDom0Cmdline = next
        ok(command, '')
    }

    /** The line with the flag as the key's only argument: unchanged when it is so, else the key's arguments dropped
     * and the flag appended. */
    private static String withFlag(String line, String flag) {
        List<String> params = DemoKernelCmdline.params(line)
        if (params.findAll { String p -> DemoKernelCmdline.name(p) == flag } == [flag]) return line
        (params.findAll { String p -> DemoKernelCmdline.name(p) != flag } + [flag]).join(' ')
    }

    /**
     * One option of a boot line as xen-cmdline --get-* prints it: each argument with that key ("KEY=VALUE", or "KEY"
     * for a flag) on its own line, an empty line when none (the script prints its matches joined by newlines:
     * xenserver/buildroot SOURCES/xen-cmdline, as the Xen lab's shim does).
     */
    private static CommandResult getOption(String command, String line, String key) {
        List<String> found = DemoKernelCmdline.params(line).findAll { String p -> DemoKernelCmdline.name(p) == key }
        ok(command, found.join('\n') + '\n')
    }

    /** The devices of a {@code (BDF)(BDF)} value (xen-pciback's hide syntax); null when it is not one. */
    private static List<PciAddress> hideList(String value) {
        if (!(value ==~ /(\([^()]*\))*/)) return null
        List<PciAddress> out = []
        for (String bdf : value.findAll(/\(([^()]*)\)/) { String all, String inner -> inner }) {
            PciAddress a = DemoLspci.address(bdf)
            if (a == null) return null
            out << a
        }
        out
    }

    /** The sysfs listings (shell globs and loops, answered as whole lines). */
    @Override
    protected CommandResult answerLine(String command) {
        command == PciCommands.PHYSFNS ? ok(command, physfnLinks(state.physfn))
                : new DemoUsbHost(state.usb).line(command)
    }

    @Override
    protected Map<String, String> tools() { [xe: '/opt/xensource/bin/xe', xl: '/usr/sbin/xl'] }

    @Override
    protected void boot() { state.boot() }
}
