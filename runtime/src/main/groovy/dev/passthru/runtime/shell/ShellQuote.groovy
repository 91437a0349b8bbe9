package dev.passthru.runtime.shell

import groovy.transform.CompileStatic

import java.util.regex.Pattern

/**
 * The one quoting function: every value that reaches a remote shell goes through {@link #quote}.
 * POSIX single quotes, so nothing inside ($, `, \, ", ;, newlines) is interpreted by sh, bash or dash.
 */
@CompileStatic
final class ShellQuote {
    /** Words made only of these characters need no quotes (keeps commands readable in logs and tapes). */
    private static final Pattern SAFE = ~/^[A-Za-z0-9_@%+=:,.\/-]+$/

    private ShellQuote() {}

    /** One shell word that stands for exactly {@code value}. */
    static String quote(String value) {
        if (value == null) throw new IllegalArgumentException('cannot quote null')
        if (value.indexOf((int) 0) >= 0) throw new IllegalArgumentException('a shell word cannot hold a NUL byte')
        if (SAFE.matcher(value).matches()) return value
        "'" + value.replace("'", "'\\''") + "'"
    }

    /** A command line from a program and its arguments, each quoted. */
    static String command(String... argv) { argv.collect { String a -> quote(a) }.join(' ') }
}
