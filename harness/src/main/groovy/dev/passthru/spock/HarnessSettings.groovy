package dev.passthru.spock

import groovy.transform.CompileStatic

/**
 * What the run around the specs says, from system properties (first) or the environment: the mode override, the live
 * host and how to reach it. Read when a spec is visited.
 */
@CompileStatic
final class HarnessSettings {
    /** The mode every feature runs in, overriding the annotations; null: each feature's own. */
    final TapeMode modeOverride
    /** {@code USER@HOST[:PORT]}, {@code demo} or {@code demo-kvm}; null when no live host is given. */
    final String host
    final File identity
    final File knownHosts
    final boolean acceptNewHostKey
    /** The SSH password or key passphrase; also a secret redacted from tapes. */
    final String password

    private HarnessSettings(TapeMode modeOverride, String host, File identity, File knownHosts,
            boolean acceptNewHostKey, String password) {
        this.modeOverride = modeOverride
        this.host = host
        this.identity = identity
        this.knownHosts = knownHosts
        this.acceptNewHostKey = acceptNewHostKey
        this.password = password
    }

    /** The settings of this JVM: its system properties, else its environment. */
    static HarnessSettings current() { of(System.properties, System.getenv()) }

    /** The settings {@code props} (first) and {@code env} give. */
    static HarnessSettings of(Properties props, Map<String, String> env) {
        Closure<String> get = { String prop, String var ->
            String v = props.getProperty(prop) ?: env[var]
            v?.trim() ? v.trim() : null
        }
        String mode = get('passthru.tape.mode', 'PASSTHRU_TAPE_MODE')
        String identity = get('passthru.identity', 'PASSTHRU_IDENTITY')
        String known = get('passthru.knownHosts', 'PASSTHRU_KNOWN_HOSTS')
        new HarnessSettings(mode ? TapeMode.of(mode) : null, get('passthru.host', 'PASSTHRU_HOST'),
                identity ? new File(identity) : null, known ? new File(known) : null,
                get('passthru.acceptNewHostKey', 'PASSTHRU_ACCEPT_NEW_HOST_KEY') == 'true',
                props.getProperty('passthru.password') ?: env['PASSTHRU_PASSWORD'])
    }

    /** The secrets to redact from anything recorded, and from commands before they are matched against a tape. */
    List<String> secrets() { password ? [password] : [] }
}
