package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic

/** How to reach and authenticate to a host. The password is held as chars and never printed. */
@CompileStatic
final class SshOptions {
    /** known_hosts file to check host keys against (strict: unknown or changed keys are refused). */
    File knownHosts = new File(System.getProperty('user.home'), '.ssh/known_hosts')
    /**
     * Add an unknown host's key to known_hosts (like OpenSSH StrictHostKeyChecking=accept-new); never replaces a
     * changed one.
     */
    boolean acceptNewHostKey = false
    /** Private keys to offer; empty means the usual ~/.ssh/id_* files that exist. */
    List<File> identities = []
    /** Whether to look in ~/.ssh for default keys when no identity is given. */
    boolean defaultIdentities = true
    /** ssh-agent socket; null means none. Defaults to $SSH_AUTH_SOCK. */
    String agentSocket = System.getenv('SSH_AUTH_SOCK')
    /** Password (or key passphrase); null for none. */
    char[] password
    int connectTimeoutMs = 10_000
    int commandTimeoutMs = 300_000
    /** Hears warnings about the connection (an unreachable ssh-agent); null: they are logged. */
    java.util.function.Consumer<String> warnings

    @Override
    String toString() {
        "SshOptions(knownHosts=${knownHosts}, acceptNew=${acceptNewHostKey}, identities=${identities}, " +
                "agent=${agentSocket != null}, password=${password != null ? '<set>' : '<none>'})"
    }
}
