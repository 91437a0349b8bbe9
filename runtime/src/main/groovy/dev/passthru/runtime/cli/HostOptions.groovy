package dev.passthru.runtime.cli

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic
import picocli.CommandLine.Option

/** Options naming the host and how to reach it, shared by plan and apply. */
@CompileStatic
class HostOptions implements Validated {
    static final String DEMO_KVM = 'demo-kvm'
    /** The built-in HGX H200-like KVM demo host (8 GPUs behind PCIe switches, ConnectX-7s, NVSwitches). */
    static final String DEMO_HGX = DemoHgx.NAME

    @Option(names = ['--host', '-H'], paramLabel = '[USER@]HOST[:PORT]',
            description = 'The host to act on; "demo" (the default) is the built-in demo XCP-ng host, "demo-kvm" the ' +
                    'built-in demo KVM host, "demo-hgx" the built-in HGX H200-like KVM host, "twin:FILE" a simulated host ' +
                    'described by a twin file.')
    String host = 'demo'

    @Option(names = ['--identity', '-i'], paramLabel = 'FILE', description = 'Private key to offer (repeatable); ' +
            'default: ssh-agent and ~/.ssh/id_*.')
    List<File> identities = []

    @Option(names = '--known-hosts', paramLabel = 'FILE', description = 'known_hosts file to check host keys against ' +
            '(default ~/.ssh/known_hosts).')
    File knownHosts

    @Option(names = '--accept-new-host-key', description = 'Add an unknown host key to known_hosts (never replaces a ' +
            'changed one).')
    boolean acceptNewHostKey

    @Option(names = '--password-env', paramLabel = 'VAR', description = 'Read the SSH password (or key passphrase) ' +
            'from this environment variable. It is never logged or recorded.')
    String passwordEnv

    @Option(names = '--connect-timeout', paramLabel = 'SECONDS', description = 'Timeout for opening a connection ' +
            '(default ${DEFAULT-VALUE}).')
    int connectTimeout = 10

    @Option(names = '--command-timeout', paramLabel = 'SECONDS', description = 'Timeout for one remote command ' +
            '(default ${DEFAULT-VALUE}).')
    int commandTimeout = 300

    @Option(names = '--reboot-timeout', paramLabel = 'SECONDS', description = 'How long to wait for a rebooting host ' +
            '(default ${DEFAULT-VALUE}).')
    int rebootTimeout = 600

    @Option(names = '--reboot-poll', paramLabel = 'SECONDS', description = 'How often to try to reach a rebooting ' +
            'host (default ${DEFAULT-VALUE}; fractions allowed).')
    double rebootPoll = 5

    /** The same options for another host and keys (a fleet's per-host connection); a demo host gets no key. */
    HostOptions copyFor(String otherHost, List<File> keys) {
        new HostOptions(host: otherHost, identities: isDemo(otherHost) ? [] : keys, knownHosts: knownHosts,
                acceptNewHostKey: acceptNewHostKey, passwordEnv: passwordEnv,
                connectTimeout: connectTimeout, commandTimeout: commandTimeout, rebootTimeout: rebootTimeout,
                        rebootPoll: rebootPoll)
    }

    boolean isDemo() { isDemo(host) }

    /** How a run on this host goes (apply by default): its header note, reboot timeout, and real waits unless demo. */
    RunOptions runOptions() {
        new RunOptions(hostNote: Hosts.note(this), rebootTimeoutMillis: rebootTimeout * 1000L, realPauses: !demo)
    }

    /** --reboot-poll in milliseconds, at least 1. */
    long rebootPollMillis() { Math.max(1L, Math.round(rebootPoll * 1000) as long) }

    /** Whether a --host value names a simulated host: a built-in demo (none given is the XCP-ng demo) or a twin. */
    static boolean isDemo(String host) { host == null || host == 'demo' || host == DEMO_KVM || host == DEMO_HGX ||
            TwinFile.names(host) }

    /** Refuses, before anything connects, a malformed --host and timeouts or polls that are not positive. */
    void validate() {
        if (!demo) Hosts.target(this)
        OptionChecks.positive(connectTimeout, '--connect-timeout')
        OptionChecks.positive(commandTimeout, '--command-timeout')
        OptionChecks.positive(rebootTimeout, '--reboot-timeout')
        if (!(rebootPoll > 0) || rebootPoll > rebootTimeout || Double.isInfinite(rebootPoll)) {
            throw new UsageError("--reboot-poll ${rebootPoll}: give a number of seconds above 0 and at most " +
                    "--reboot-timeout (${rebootTimeout})")
        }
    }
}
