package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

/**
 * Pure edits of a kernel command line, as token lists. Adding {@code key=value} replaces the value of
 * the first token with that key in place (or appends); for keys whose value is a comma list
 * ({@link #LIST_KEYS}), values are merged instead, keeping what is there. Removing a bare key drops
 * every token with that key; removing {@code key=value} drops that token, or for a list key just
 * those values (the token goes when its list is empty). Applying the same change twice changes nothing.
 */
@CompileStatic
final class KernelArgs {
    static final Set<String> LIST_KEYS = ['vfio-pci.ids', 'pci-stub.ids', 'modprobe.blacklist',
            'module_blacklist'] as Set<String>

    private KernelArgs() {}

    static String key(String token) { int eq = token.indexOf('='); eq < 0 ? token : token.substring(0, eq) }

    static String value(String token) { int eq = token.indexOf('='); eq < 0 ? null : token.substring(eq + 1) }

    static List<String> apply(List<String> current, List<String> add, List<String> remove) {
        List<String> out = new ArrayList<>(current)
        remove.each { String r -> out = removeOne(out, r) }
        add.each { String a -> out = addOne(out, a) }
        out
    }

    /** True when the tokens already hold every addition and none of the removals. */
    static boolean satisfied(List<String> tokens, List<String> add, List<String> remove) {
        apply(tokens, add, remove) == tokens
    }

    private static List<String> removeOne(List<String> tokens, String r) {
        String k = key(r)
        String v = value(r)
        if (v == null) return tokens.findAll { key(it) != k }
        if (!(k in LIST_KEYS)) return tokens.findAll { it != r }
        List<String> drop = v.split(',') as List<String>
        List<String> out = []
        tokens.each { String t ->
            if (key(t) != k) { out << t; return }
            List<String> left = values(t) - drop
            if (left) out << "${k}=${left.join(',')}".toString()
        }
        out
    }

    private static List<String> addOne(List<String> tokens, String a) {
        String k = key(a)
        int at = tokens.findIndexOf { key(it) == k }
        List<String> out = new ArrayList<>(tokens)
        if (at < 0) { out << a; return out }
        if (k in LIST_KEYS && value(a) != null) {
            List<String> merged = values(tokens[at])
            (value(a).split(',') as List<String>).each { String v -> if (!merged.contains(v)) merged << v }
            out[at] = "${k}=${merged.join(',')}".toString()
        } else {
            out[at] = a
        }
        out
    }

    private static List<String> values(String token) {
        String v = value(token)
        v ? (v.split(',') as List<String>).findAll { it } : []
    }

    /** The diff lines of a change: each token that goes, then each that comes. */
    static List<String> diff(List<String> from, List<String> to) {
        List<String> d = []
        (from - to).each { d << "- ${it}".toString() }
        (to - from).each { d << "+ ${it}".toString() }
        d
    }
}
