package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic

import java.nio.ByteBuffer
import java.nio.charset.StandardCharsets
import java.util.regex.Pattern

/**
 * Tells from a file's text whether it is a private key (and whether encrypted), a public key, an inventory,
 * or something else, without a passphrase and without sshj: OpenSSH's own format (PROTOCOL.key: the
 * "openssh-key-v1" magic, then the cipher name, "none" when unencrypted), PEM (RFC 1421's
 * {@code Proc-Type: 4,ENCRYPTED} header; PKCS#8's ENCRYPTED PRIVATE KEY) and PuTTY's {@code Encryption:} line.
 */
@CompileStatic
final class KeyFiles {
    private static final String OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----'
    private static final String OPENSSH_END = '-----END OPENSSH PRIVATE KEY-----'
    private static final byte[] OPENSSH_MAGIC = 'openssh-key-v1\u0000'.getBytes(StandardCharsets.US_ASCII)
    private static final Pattern PEM_PRIVATE = ~/(?m)^-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----/
    private static final Pattern PUBLIC_LINE =
            ~/(?m)^\s*((ssh|sk-ssh|sk-ecdsa)-[a-z0-9@.-]+|ecdsa-sha2-[a-z0-9-]+)\s+AAAA[A-Za-z0-9+\/=]+/
    private static final Pattern INI_GROUP = ~/(?m)^\s*\[[A-Za-z0-9_.:-]+\]\s*$/
    private static final Pattern ANSIBLE_VAR = ~/(?m)\bansible_[a-z_]+\s*[=:]/
    private static final Pattern YAML_ALL = ~/(?m)^all:\s*$/
    private static final Pattern GROOVY_HOST = ~/(?m)^\s*host\s*\(?\s*['"]/

    private KeyFiles() {}

    /** What {@code text} (a file's first bytes, read as ISO-8859-1) is. */
    static KeyFileKind kind(String text) {
        if (text.contains(OPENSSH_BEGIN)) return openSsh(text)
        if (text.contains('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return KeyFileKind.ENCRYPTED_PRIVATE_KEY
        if (text.contains('-----BEGIN PRIVATE KEY-----')) return KeyFileKind.PRIVATE_KEY
        if (PEM_PRIVATE.matcher(text).find()) {
            boolean encrypted = text =~ /(?m)^Proc-Type:\s*4,\s*ENCRYPTED/
            return encrypted ? KeyFileKind.ENCRYPTED_PRIVATE_KEY : KeyFileKind.PRIVATE_KEY
        }
        if (text.startsWith('PuTTY-User-Key-File-')) {
            return text =~ /(?m)^Encryption:\s*none\s*$/ ? KeyFileKind.PRIVATE_KEY : KeyFileKind.ENCRYPTED_PRIVATE_KEY
        }
        if (PUBLIC_LINE.matcher(text).find() || text.contains('---- BEGIN SSH2 PUBLIC KEY ----') ||
                text.contains('-----BEGIN PUBLIC KEY-----')) {
            return KeyFileKind.PUBLIC_KEY
        }
        if ([INI_GROUP, ANSIBLE_VAR, YAML_ALL, GROOVY_HOST].any { Pattern p -> p.matcher(text).find() }) {
            return KeyFileKind.INVENTORY
        }
        KeyFileKind.OTHER
    }

    /** An OpenSSH-format key: encrypted when the cipher name after the magic is not "none". */
    private static KeyFileKind openSsh(String text) {
        int from = text.indexOf(OPENSSH_BEGIN) + OPENSSH_BEGIN.length()
        int to = text.indexOf(OPENSSH_END, from)
        if (to < 0) return KeyFileKind.OTHER
        byte[] blob
        try {
            blob = Base64.mimeDecoder.decode(text.substring(from, to).replaceAll(/\s/, ''))
        } catch (IllegalArgumentException e) {
            return KeyFileKind.OTHER
        }
        if (blob.length < OPENSSH_MAGIC.length + 4) return KeyFileKind.OTHER
        if (!Arrays.equals(Arrays.copyOf(blob, OPENSSH_MAGIC.length), OPENSSH_MAGIC)) return KeyFileKind.OTHER
        ByteBuffer b = ByteBuffer.wrap(blob, OPENSSH_MAGIC.length, blob.length - OPENSSH_MAGIC.length)
        int length = b.int
        if (length < 0 || length > b.remaining()) return KeyFileKind.OTHER
        byte[] cipher = new byte[length]
        b.get(cipher)
        boolean plain = new String(cipher, StandardCharsets.US_ASCII) == 'none'
        plain ? KeyFileKind.PRIVATE_KEY : KeyFileKind.ENCRYPTED_PRIVATE_KEY
    }
}
