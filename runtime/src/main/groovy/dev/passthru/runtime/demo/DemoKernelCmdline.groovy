package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * How the demo's kernels read their command line, after the kernel's own parser (lib/cmdline.c next_arg):
 * parameters are separated by whitespace outside double quotes; a value's surrounding quotes are dropped.
 */
@CompileStatic
final class DemoKernelCmdline {
    private DemoKernelCmdline() {}

    /** The parameters of a command line, quotes kept as written. */
    static List<String> params(String line) {
        List<String> out = []
        StringBuilder cur = new StringBuilder()
        boolean quoted = false
        for (char c : (line ?: '').toCharArray()) {
            if (c == '"' as char) quoted = !quoted
            if (!quoted && Character.isWhitespace(c)) {
                if (cur.length()) { out << cur.toString(); cur.setLength(0) }
            } else {
                cur.append(c)
            }
        }
        if (cur.length()) out << cur.toString()
        out
    }

    /** The parameter's name: what comes before the first '='. */
    static String name(String param) { int eq = param.indexOf('='); eq < 0 ? param : param.substring(0, eq) }

    /** The parameter's value without its surrounding quotes; null for a parameter without '='. */
    static String value(String param) {
        int eq = param.indexOf('=')
        if (eq < 0) return null
        String v = param.substring(eq + 1)
        v.length() >= 2 && v.startsWith('"') && v.endsWith('"') ? v.substring(1, v.length() - 1) : v
    }

    /** Every value given to the parameter {@code wanted}, split at commas (vfio-pci.ids=a,b). */
    static List<String> listValues(String line, String wanted) {
        params(line).findAll { String p -> name(p) == wanted }
                .collectMany { String p -> (value(p) ?: '').split(',') as List<String> }
    }

    /**
     * {@code line} with the parameter {@code key} set to {@code value} (in place when it is there, else first or last),
     * or without it when {@code value} is null; unchanged, spacing included, when there is nothing to change.
     */
    static String withParam(String line, String key, String value, boolean first) {
        List<String> params = params(line)
        boolean has = params.any { String p -> name(p) == key }
        if (!has && value == null) return line
        String wanted = value == null ? null : "${key}=${value}".toString()
        if (has && params.findAll { String p -> name(p) == key } == [wanted]) return line
        List<String> out = []
        boolean placed = false
        params.each { String p ->
            if (name(p) != key) { out << p; return }
            if (wanted != null && !placed) { out << wanted; placed = true }
        }
        if (wanted != null && !placed) { if (first) out.add(0, wanted) else out << wanted }
        out.join(' ')
    }
}
