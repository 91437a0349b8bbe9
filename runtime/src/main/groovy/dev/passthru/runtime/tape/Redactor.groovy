package dev.passthru.runtime.tape

import groovy.transform.CompileStatic

/** Replaces every occurrence of known secrets (passwords, passphrases) with a marker before anything is written. */
@CompileStatic
final class Redactor {
    static final String MARK = '<redacted>'
    private final List<String> secrets

    Redactor(Collection<String> secrets) {
        // longest first, so a secret that contains another is replaced whole
        this.secrets = secrets.findAll { it }.unique().sort { -it.length() }
    }

    static Redactor none() { new Redactor([]) }

    String apply(String text) {
        if (text == null) return null
        String out = text
        secrets.each { String s -> out = out.replace(s, MARK) }
        out
    }
}
