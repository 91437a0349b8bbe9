package dev.passthru.runtime.tape

import groovy.transform.CompileStatic

/**
 * Replaces every occurrence of known secrets (passwords, passphrases) with a marker before anything is
 * written, and always the secrets that host output carries in known places: libvirt's graphics
 * {@code passwd='...'} (dumpxml --security-info). That marker keeps the XML well-formed.
 */
@CompileStatic
final class Redactor {
    static final String MARK = '<redacted>'
    static final String ATTRIBUTE_MARK = 'redacted-by-passthru'
    private static final java.util.regex.Pattern XML_PASSWD = ~/(\bpasswd=)(['"])[^'"]*\2/
    private final List<String> secrets

    Redactor(Collection<String> secrets) {
        // longest first, so a secret that contains another is replaced whole
        this.secrets = secrets.findAll { it }.unique().sort { -it.length() }
    }

    String apply(String text) {
        if (text == null) return null
        String out = text
        secrets.each { String s -> out = out.replace(s, MARK) }
        XML_PASSWD.matcher(out).replaceAll('$1$2' + ATTRIBUTE_MARK + '$2')
    }
}
