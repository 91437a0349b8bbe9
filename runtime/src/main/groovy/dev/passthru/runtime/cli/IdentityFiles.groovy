package dev.passthru.runtime.cli

import dev.passthru.runtime.ssh.KeyFileKind
import dev.passthru.runtime.ssh.KeyFiles
import groovy.transform.CompileStatic

import java.nio.charset.StandardCharsets

/**
 * Checks the files given with {@code -i} before anything connects: each must be a private key this run can
 * use. A public key, an inventory, an encrypted key without a passphrase, or a file that is none of these
 * is refused with what it is and what to give instead.
 */
@CompileStatic
final class IdentityFiles {
    /** How much of a file is read to tell what it is (keys are a few KiB; PEM headers come first). */
    private static final int HEAD_BYTES = 64 * 1024

    private IdentityFiles() {}

    /** Throws a UsageError for the first file that is not a usable private key ({@code passphrase}: one is given). */
    static void check(List<File> files, boolean passphrase) {
        files.each { File f ->
            String problem = problem(f, passphrase)
            if (problem) throw new UsageError("-i ${f}: ${problem}")
        }
    }

    /** What is wrong with one identity file, or null when it is a private key this run can use. */
    static String problem(File f, boolean passphrase) {
        if (!f.exists()) return 'no such file'
        if (f.isDirectory()) return 'is a directory, not a private key'
        String head
        try {
            head = read(f)
        } catch (IOException e) {
            return "cannot be read (${e.class.simpleName}: ${e.message})"
        }
        switch (KeyFiles.kind(head)) {
            case KeyFileKind.PRIVATE_KEY: return null
            case KeyFileKind.ENCRYPTED_PRIVATE_KEY:
                return passphrase ? null : 'the key is encrypted; give its passphrase with --password-env VAR'
            case KeyFileKind.PUBLIC_KEY:
                String name = f.path.endsWith('.pub') ? f.path[0..-5] : null
                return "that is a public key; give the private key${name ? " (${name})" : ''}"
            case KeyFileKind.INVENTORY: return "not a private key; it looks like an inventory: use --inventory ${f}"
            default: return 'not a private key (no OpenSSH, PEM or PuTTY private key in it)'
        }
    }

    private static String read(File f) {
        f.withInputStream { InputStream in ->
            byte[] buf = in.readNBytes(HEAD_BYTES)
            new String(buf, StandardCharsets.ISO_8859_1)
        }
    }
}
