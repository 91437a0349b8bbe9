package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Finds, in Groovy source that does not compile, the bracket opened and never closed, the closer that
 * closes nothing, or the string or comment that never ends; skipping strings (single, double, triple
 * quoted, slashy, dollar-slashy) and comments. Groovy reports where it gave up, often lines later; this
 * says where the mistake was written.
 */
@CompileStatic
final class BracketScanner {
    private static final String OPENERS = '([{'
    private static final String CLOSERS = ')]}'
    /** After these, a {@code /} starts a slashy string rather than dividing. */
    private static final String BEFORE_SLASHY = '([{,=:!&|?;~+-*%<>^'

    /** What the scan found: the line to show and what is wrong there. */
    static final class Unbalanced {
        final int line
        final String message

        Unbalanced(int line, String message) {
            this.line = line
            this.message = message
        }

        @Override
        String toString() { "${line}: ${message}" }
    }

    private static final class Open {
        final char bracket
        final int line
        final int indent

        Open(char bracket, int line, int indent) {
            this.bracket = bracket
            this.line = line
            this.indent = indent
        }
    }

    private final String src
    private int i = 0
    private int line = 1
    private final Deque<Open> open = new ArrayDeque<Open>()
    /** A '{' closed by a '}' indented less than the line that opened it: the likely missing one. */
    private Open suspect

    private BracketScanner(String src) { this.src = src }

    /** The first imbalance in {@code source}, or null when its brackets, strings and comments all close. */
    static Unbalanced scan(String source) { new BracketScanner(source).run() }

    private Unbalanced run() {
        char previous = 0 as char
        while (i < src.length()) {
            char c = src.charAt(i)
            if (c == '\n' as char) { line++; i++; continue }
            if (Character.isWhitespace(c)) { i++; continue }
            Unbalanced found = null
            if (src.startsWith('//', i)) { skipLine(); continue }
            if (src.startsWith('/*', i)) found = skipBlockComment()
            else if (tripleQuote()) found = skipString(src.substring(i, i + 3), true)
            else if (c == '\'' as char || c == '"' as char) found = skipString(String.valueOf(c), false)
            else if (src.startsWith('$/', i)) found = skipUntil('$/', '/$', 'dollar-slashy string')
            else if (c == '/' as char && startsSlashy(previous)) found = skipSlashy()
            else if (OPENERS.indexOf((int) c) >= 0) { open.push(new Open(c, line, indentOf(i))); i++ }
            else if (CLOSERS.indexOf((int) c) >= 0) found = close(c)
            else i++
            if (found != null) return found
            previous = c
        }
        if (open.isEmpty()) return null
        Open never = suspect ?: open.peek()
        new Unbalanced(never.line, "'${never.bracket}' opened here is never closed")
    }

    private boolean tripleQuote() { src.startsWith("'''", i) || src.startsWith('"""', i) }

    /** A {@code /} after nothing or after an operator or opener starts a slashy string; after a value it divides. */
    private static boolean startsSlashy(char previous) {
        previous == (0 as char) || BEFORE_SLASHY.indexOf((int) previous) >= 0
    }

    private Unbalanced close(char c) {
        char wanted = OPENERS.charAt(CLOSERS.indexOf((int) c))
        if (open.isEmpty()) return new Unbalanced(line, "'${c}' here closes nothing")
        if (open.peek().bracket == wanted) {
            Open o = open.pop()
            if (c == '}' as char && suspect == null && firstOnLine(i) && indentOf(i) < o.indent) suspect = o
            i++
            return null
        }
        Open inner = open.peek()
        if (open.any { Open o -> o.bracket == wanted }) {
            return new Unbalanced(inner.line, "'${inner.bracket}' opened here is never closed")
        }
        String innermost = "the innermost open bracket is the '${inner.bracket}' of line ${inner.line}"
        new Unbalanced(line, "'${c}' here closes nothing; ${innermost}")
    }

    private void skipLine() {
        while (i < src.length() && src.charAt(i) != '\n' as char) i++
    }

    private Unbalanced skipBlockComment() { skipUntil('/*', '*/', 'comment') }

    private Unbalanced skipUntil(String start, String end, String what) {
        int from = line
        i += start.length()
        while (i < src.length() && !src.startsWith(end, i)) {
            if (src.charAt(i) == '\n' as char) line++
            i++
        }
        if (i >= src.length()) return new Unbalanced(from, "the ${what} opened here is never closed")
        i += end.length()
        null
    }

    /** A quoted string; double-quoted ones may hold ${...} with braces of their own. */
    private Unbalanced skipString(String quote, boolean multiLine) {
        int from = line
        i += quote.length()
        boolean gstring = quote.startsWith('"')
        while (i < src.length()) {
            char c = src.charAt(i)
            if (c == '\\' as char) { i += 2; continue }
            if (c == '\n' as char) {
                if (!multiLine) return new Unbalanced(from, 'the string opened here is never closed')
                line++
            }
            if (src.startsWith(quote, i)) { i += quote.length(); return null }
            if (gstring && src.startsWith('${', i)) {
                int depth = 0
                while (i < src.length()) {
                    char d = src.charAt(i)
                    if (d == '\n' as char) line++
                    if (d == '{' as char) depth++
                    if (d == '}' as char && --depth == 0) break
                    i++
                }
            }
            i++
        }
        new Unbalanced(from, 'the string opened here is never closed')
    }

    private Unbalanced skipSlashy() {
        int from = line
        i++
        while (i < src.length()) {
            char c = src.charAt(i)
            if (c == '\\' as char) { i += 2; continue }
            if (c == '\n' as char) line++
            if (c == '/' as char) { i++; return null }
            i++
        }
        new Unbalanced(from, 'the slashy string opened here is never closed')
    }

    private int indentOf(int at) {
        int start = src.lastIndexOf('\n', at - 1) + 1
        int n = 0
        while (start + n < src.length() && ' \t'.indexOf((int) src.charAt(start + n)) >= 0) n++
        n
    }

    private boolean firstOnLine(int at) {
        int start = src.lastIndexOf('\n', at - 1) + 1
        src.substring(start, at).trim().isEmpty()
    }
}
