package dev.passthru.runtime.shell

import groovy.transform.CompileStatic

/**
 * Splits a command line into words the way sh does for the quoting {@link ShellQuote} produces
 * (single quotes, double quotes, backslashes). Used by the demo host to read the commands it is sent.
 * Anything a shell would expand ($, `, globs, ;, |) is refused, so a simulated host never pretends to run it.
 */
@CompileStatic
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line) {
        List<String> words = []
        StringBuilder cur = null
        int i = 0
        while (i < line.length()) {
            char c = line.charAt(i)
            if (c == ' ' as char || c == '\t' as char) {
                if (cur != null) { words << cur.toString(); cur = null }
                i++
            } else if (c == '\'' as char) {
                int end = line.indexOf('\'', i + 1)
                if (end < 0) throw new IllegalArgumentException("unterminated single quote in: ${line}")
                cur = (cur ?: new StringBuilder()).append(line, i + 1, end)
                i = end + 1
            } else if (c == '"' as char) {
                cur = cur ?: new StringBuilder()
                i++
                while (true) {
                    if (i >= line.length()) throw new IllegalArgumentException("unterminated double quote in: ${line}")
                    char d = line.charAt(i)
                    if (d == '"' as char) { i++; break }
                    if (d == '$' as char || d == '`' as char) {
                        throw new IllegalArgumentException("expansion in double quotes is not supported: ${line}")
                    }
                    if (d == '\\' as char && i + 1 < line.length() && '"\\$`'.indexOf((int) line.charAt(i + 1)) >= 0) {
                        cur.append(line.charAt(i + 1))
                        i += 2
                        continue
                    }
                    cur.append(d); i++
                }
            } else if (c == '\\' as char) {
                if (i + 1 >= line.length()) throw new IllegalArgumentException("trailing backslash in: ${line}")
                cur = (cur ?: new StringBuilder()).append(line.charAt(i + 1))
                i += 2
            } else if ('$`;|&<>()*?[]{}\n'.indexOf((int) c) >= 0) {
                throw new IllegalArgumentException("shell syntax '${c}' is not supported: ${line}")
            } else {
                cur = (cur ?: new StringBuilder()).append(c)
                i++
            }
        }
        if (cur != null) words << cur.toString()
        words
    }
}
