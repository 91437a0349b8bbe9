package dev.passthru.runtime.cli

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.twin.TwinException
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

import java.util.function.Consumer

/** Turns host options into a transport: the demo host, or SSH to a real one. */
@CompileStatic
final class Hosts {
    static final String DEMO_NOTE = 'built-in demo host: a simulated XCP-ng 8.3 in this process; nothing leaves this ' +
            'machine\n          (give --host USER@HOST to use a real one, or --host demo-kvm for the KVM demo)'
    static final String DEMO_KVM_NOTE = 'built-in demo host: a simulated Debian 12 KVM host with libvirt, in this ' +
            'process; nothing leaves this machine\n          (give --host USER@HOST to use a real one)'
    static final String DEMO_HGX_NOTE = 'built-in demo host: a simulated HGX H200-like KVM host (8 GPUs, ConnectX-7s, ' +
            'NVSwitches, 2 NUMA nodes), in this process; nothing leaves this machine\n          (give --host ' +
            'USER@HOST to use a real one)'

    private Hosts() {}

    /**
     * Checks the options (an {@code -i} file must be a usable private key, and a demo host takes none), then
     * opens the transport; connection warnings (an unreachable ssh-agent) go to {@code warnings} when given.
     */
    static Transport open(HostOptions o, Map<String, String> env, PrintStream warnings = null) {
        IdentityFiles.check(o.identities, o.passwordEnv != null)
        if (o.demo && o.identities) {
            throw new UsageError("-i ${o.identities[0]}: the built-in demo host takes no key " +
                    '(it is in this process); ' +
                    'give --host USER@HOST to use the key on a real host')
        }
        if (TwinFile.names(o.host)) return twin(o.host)
        if (o.host == HostOptions.DEMO_KVM) return new DemoKvmHost()
        if (o.host == HostOptions.DEMO_HGX) return DemoHgx.host()
        if (o.demo) return new DemoXcpngHost()
        SshTarget target = target(o)
        SshOptions s = new SshOptions()
        if (o.knownHosts) s.knownHosts = o.knownHosts
        s.acceptNewHostKey = o.acceptNewHostKey
        s.identities = o.identities
        s.connectTimeoutMs = o.connectTimeout * 1000
        s.commandTimeoutMs = o.commandTimeout * 1000
        s.agentSocket = env['SSH_AUTH_SOCK']
        if (warnings != null) s.warnings = { String w -> warnings.println("warning: ${w}") } as Consumer<String>
        if (o.passwordEnv) {
            String p = env[o.passwordEnv]
            if (p == null) throw new UsageError("--password-env ${o.passwordEnv}: that environment variable is not set")
            s.password = p.toCharArray()
        }
        new SshTransport(target, s)
    }

    /** The label a host gets in journals and messages, without connecting: the demo's, or {@code user@host:port}. */
    static String label(HostOptions o) {
        if (TwinFile.names(o.host)) return twin(o.host).label()
        if (o.host == HostOptions.DEMO_HGX) return DemoHgx.NAME
        o.host == HostOptions.DEMO_KVM ? DemoKvmHost.LABEL : o.demo ? DemoXcpngHost.LABEL : target(o).toString()
    }

    /** The note under the host line for a demo host; null for a real one. */
    static String note(HostOptions o) {
        if (TwinFile.names(o.host)) return "twin host: ${twinFile(o.host)}, simulated in this process; nothing " +
                'leaves this machine'
        if (o.host == HostOptions.DEMO_HGX) return DEMO_HGX_NOTE
        o.host == HostOptions.DEMO_KVM ? DEMO_KVM_NOTE : o.demo ? DEMO_NOTE : null
    }

    /** The simulated host a {@code twin:FILE} value names; a missing or broken file is a usage error (FILE:LINE). */
    static DemoHost twin(String host) {
        try {
            TwinFile.load(twinFile(host))
        } catch (TwinException e) {
            throw new UsageError(e.message)
        }
    }

    private static File twinFile(String host) {
        String path = host.substring(TwinFile.PREFIX.length())
        if (!path) throw new UsageError("${host}: give the twin file's path (twin:FILE)")
        new File(path)
    }

    /** The SSH target of a real host, or a usage error saying what is wrong with --host. */
    static SshTarget target(HostOptions o) {
        try {
            SshTarget.parse(o.host, 'root')
        } catch (IllegalArgumentException e) {
            throw new UsageError("--host: ${e.message}")
        }
    }

    /** A --flavour value, checked: null (detect), or one of the flavours. */
    static FlavourName flavour(String name) {
        try {
            FlavourName.of(name)
        } catch (IllegalArgumentException e) {
            throw new UsageError("--flavour: ${e.message}")
        }
    }

    /** Secrets the options carry, for redaction of anything written. */
    static List<String> secrets(HostOptions o, Map<String, String> env) {
        o.passwordEnv && env[o.passwordEnv] ? [env[o.passwordEnv]] : []
    }
}
