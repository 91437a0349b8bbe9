package dev.passthru.runtime.ssh

import groovy.transform.CompileStatic

/** What a file given as an SSH identity turns out to be, read from its content. */
@CompileStatic
enum KeyFileKind {
    /** A private key that needs no passphrase. */
    PRIVATE_KEY,
    /** A private key encrypted with a passphrase (OpenSSH cipher not none, PEM Proc-Type ENCRYPTED, PKCS#8, PuTTY). */
    ENCRYPTED_PRIVATE_KEY,
    /** A public key (authorized_keys / .pub line, RFC 4716 or PEM public key). */
    PUBLIC_KEY,
    /** An Ansible INI or YAML inventory, or passthru's Groovy one. */
    INVENTORY,
    /** Anything else. */
    OTHER
}
