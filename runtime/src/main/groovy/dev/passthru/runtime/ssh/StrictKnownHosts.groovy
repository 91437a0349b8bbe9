package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic
import net.schmizz.sshj.common.Buffer
import net.schmizz.sshj.common.KeyType
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts

import java.security.MessageDigest
import java.security.PublicKey

/**
 * Host-key checking against an OpenSSH known_hosts file. An unknown key is refused unless the user
 * asked to accept new keys; a changed key is always refused. The reason is kept for the error message.
 */
@CompileStatic
class StrictKnownHosts extends OpenSSHKnownHosts {
    private final boolean acceptNew
    /** Why the last verification failed, in words for the user; null when it did not. */
    String failure

    StrictKnownHosts(File file, boolean acceptNew) {
        super(file)
        this.acceptNew = acceptNew
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        String type = KeyType.fromKey(key).toString()
        if (acceptNew) {
            KnownHostEntry entry = new OpenSSHKnownHosts.HostEntry(null, hostname, KeyType.fromKey(key), key)
            entries().add(entry)
            khFile.parentFile?.mkdirs()
            write(entry)
            return true
        }
        failure = "host key of ${hostname} is not known (${type} ${fingerprint(key)}); check that fingerprint with " +
                "the host's owner, " +
                "then rerun with --accept-new-host-key to add it to ${khFile}"
        false
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        failure = "HOST KEY CHANGED for ${hostname}: ${khFile} holds a different ${KeyType.fromKey(key)} key, the " +
                "host offered ${fingerprint(key)}. " +
                "Someone may be intercepting the connection, or the host was reinstalled; passthru never replaces a " +
                        "known key " +
                "(if the change is expected: ssh-keygen -R '${hostname}' -f ${khFile})"
        false
    }

    /** The OpenSSH-style fingerprint, {@code SHA256:base64}. */
    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData()
        'SHA256:' + Base64.encoder.withoutPadding().encodeToString(MessageDigest.getInstance('SHA-256').digest(blob))
    }
}
