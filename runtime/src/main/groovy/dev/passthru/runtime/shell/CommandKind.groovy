package dev.passthru.runtime.shell

import groovy.transform.CompileStatic

/**
 * Whether a command passthru sends only reads the host or may change it. {@code plan} runs reads for real and
 * lists writes without running them, so anything not known to read (any other program, any shell syntax) writes.
 */
@CompileStatic
enum CommandKind {
    READ, WRITE

    /** Programs that only read, whatever their arguments (no redirection is possible: shell syntax is a write). */
    private static final Set<String> READERS = ['cat', 'test', 'stat', 'lspci', 'lscpu', 'uname', 'modinfo',
            'grep'] as Set
    /** XCP-ng's tool for the Xen and dom0 command lines, as passthru calls it. */
    private static final String XEN_CMDLINE = '/opt/xensource/libexec/xen-cmdline'
    /** find's actions that write or run something. */
    private static final Set<String> FIND_ACTIONS = ['-delete', '-exec', '-execdir', '-ok', '-okdir', '-fprint',
            '-fprint0',
                                                     '-fprintf', '-fls'] as Set
    /** virsh subcommands that only read. */
    private static final Set<String> VIRSH_READS = ['list', 'dumpxml', 'domstate', 'domuuid', 'dominfo', 'capabilities',
                                                    'nodeinfo'] as Set

    /** The kind of a command line as passthru builds it (words quoted by ShellQuote). */
    static CommandKind of(String command) {
        List<String> w
        try {
            w = ShellWords.split(command)
        } catch (IllegalArgumentException ignored) {
            return WRITE
        }
        if (w.isEmpty()) return WRITE
        String sub = w.size() > 1 ? w[1] : ''
        boolean reads
        switch (w[0] == XEN_CMDLINE ? 'xen-cmdline' : w[0]) {
            case READERS: reads = true; break
            case 'find': reads = !w.any { String a -> a in FIND_ACTIONS }; break
            case 'xl': reads = sub in ['pci-assignable-list', 'info', 'vcpu-list', 'list', 'cpupool-list']; break
            case 'xe': reads = sub.endsWith('-list') || sub.endsWith('-param-get') ||
                    sub == 'gpu-group-get-remaining-capacity'; break
            case 'xen-cmdline': reads = sub in ['--get-dom0', '--get-xen'] && w.size() == 3; break
            case 'virsh': reads = virshSubcommand(w) in VIRSH_READS; break
            case 'grubby': reads = w.size() > 1 && w.drop(1).every { String a -> a.startsWith('--info') }; break
            // setpci writes only with REG=VALUE; systemctl is-enabled and mlxconfig's query (q) only read
            case 'setpci': reads = !w.drop(1).any { String a -> a.contains('=') }; break
            case 'systemctl': reads = sub in ['is-enabled', 'is-active']; break
            case 'mlxconfig': reads = w.contains('q') || w.contains('query'); break
            default: reads = false
        }
        reads ? READ : WRITE
    }

    private static String virshSubcommand(List<String> w) {
        int i = 1
        while (i < w.size() && w[i].startsWith('-')) i += (w[i] in ['-c', '--connect']) ? 2 : 1
        i < w.size() ? w[i] : ''
    }
}
