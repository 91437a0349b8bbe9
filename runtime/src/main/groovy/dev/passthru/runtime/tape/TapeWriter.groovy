package dev.passthru.runtime.tape

import groovy.transform.CompileStatic

/**
 * Writes tapes as YAML, byte-faithfully: every string reads back exactly (trailing newlines, empty
 * output, control characters). Multi-line output is written as literal blocks so tapes stay readable
 * and diffable; anything a literal block could not hold exactly is written as a double-quoted scalar.
 */
@CompileStatic
final class TapeWriter {

    static String write(Tape tape) {
        StringBuilder y = new StringBuilder()
        y << "tape: ${Tape.VERSION}\n"
        y << 'host: ' << scalar(tape.host, 0) << '\n'
        y << 'flavour: ' << scalar(tape.flavour, 0) << '\n'
        if (tape.recipe != null) y << 'recipe: ' << scalar(tape.recipe, 0) << '\n'
        y << 'source: ' << scalar(tape.source ?: '', 2) << '\n'
        y << 'interactions:' << (tape.interactions ? '\n' : ' []\n')
        tape.interactions.each { Interaction i ->
            if (i.event) {
                y << '  - event: ' << scalar(i.event, 0) << '\n'
                return
            }
            y << '  - command: ' << scalar(i.command, 6) << '\n'
            if (i.stdin != null) y << '    stdin: ' << scalar(i.stdin, 6) << '\n'
            if (i.error != null) {
                y << '    error: ' << scalar(i.error, 6) << '\n'
            } else {
                y << "    exit: ${i.exit}\n"
                y << '    stdout: ' << scalar(i.stdout, 6) << '\n'
                y << '    stderr: ' << scalar(i.stderr, 6) << '\n'
            }
        }
        y.toString()
    }

    /** A YAML scalar for {@code s}; a block's lines are indented by {@code indent} spaces. */
    static String scalar(String s, int indent) {
        if (indent > 0 && blockSafe(s)) {
            String chomp = !s.endsWith('\n') ? '-' : (s.endsWith('\n\n') ? '+' : '')
            String body = s.endsWith('\n') ? s.substring(0, s.length() - 1) : s
            String pad = ' ' * indent
            return '|' + chomp + '\n' + body.split('\n', -1).collect { String l -> l.isEmpty() ? '' : pad +
                    l }.join('\n')
        }
        quoted(s)
    }

    /** True when a literal block reproduces {@code s} exactly. */
    private static boolean blockSafe(String s) {
        if (!s.contains('\n') || s.trim().isEmpty()) return false
        if (s.startsWith(' ') || s.startsWith('\n')) return false
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k)
            if (c == '\n' as char) continue
            if (c < (' ' as char) || c == (0x7f as char) || c == ('\u0085' as char) || c == ('\u2028' as char) ||
                    c == ('\u2029' as char) || c == ('\ufeff' as char)) {
                return false
            }
        }
        // a whitespace-only line would confuse the block's indentation
        !s.split('\n', -1).any { String l -> !l.isEmpty() && l.trim().isEmpty() }
    }

    /** A double-quoted YAML scalar with escapes: always exact. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder('"')
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k)
            switch (c) {
                case '"' as char: b << '\\"'; break
                case '\\' as char: b << '\\\\'; break
                case '\n' as char: b << '\\n'; break
                case '\t' as char: b << '\\t'; break
                case '\r' as char: b << '\\r'; break
                default:
                    if (c < (' ' as char) || c == (0x7f as char) || c == ('\u0085' as char) ||
                            c == ('\u2028' as char) || c == ('\u2029' as char) || c == ('\ufeff' as char)) {
                        b << String.format('\\u%04x', (int) c)
                    } else {
                        b << c
                    }
            }
        }
        b << '"'
        b.toString()
    }
}
