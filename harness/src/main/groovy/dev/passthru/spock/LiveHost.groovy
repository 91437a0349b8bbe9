package dev.passthru.spock

import dev.passthru.runtime.cli.HostOptions
import dev.passthru.runtime.cli.Hosts
import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * The live host the run names, reached as {@code passthru apply --host} would (strict host keys unless
 * accept-new is asked); {@code demo} and {@code demo-kvm} are the built-in demo hosts, {@code twin:FILE} a twin's.
 */
@CompileStatic
final class LiveHost {
    private static final String PASSWORD_VAR = 'PASSTHRU_PASSWORD'
    private final HostOptions options
    private final Map<String, String> env

    LiveHost(HarnessSettings s) {
        options = new HostOptions(host: s.host, identities: s.identity ? [s.identity] : [],
                knownHosts: s.knownHosts, acceptNewHostKey: s.acceptNewHostKey,
                passwordEnv: s.password && !HostOptions.isDemo(s.host) ? PASSWORD_VAR : null)
        env = new HashMap<String, String>(System.getenv())
        if (s.password) env[PASSWORD_VAR] = s.password
        options.validate()
    }

    private LiveHost(HostOptions options) {
        this.options = options
        this.env = System.getenv()
        options.validate()
    }

    /** A simulated host ({@code demo}, {@code demo-kvm}, {@code twin:FILE}), opened as {@code --host} opens it. */
    static LiveHost simulated(String host) { new LiveHost(new HostOptions(host: host)) }

    /** A new connection (a new demo host for each feature). */
    Transport open() { Hosts.open(options, env) }

    boolean isDemo() { options.demo }

    /** How a run there goes: real waits for a rebooting real host, none on a demo one. */
    RunOptions runOptions() { options.runOptions() }

    long rebootPollMillis() { options.rebootPollMillis() }

    /** The host as a tape's header names it. */
    String tapeHost() { demo ? Hosts.label(options) : 'live-host' }
}
