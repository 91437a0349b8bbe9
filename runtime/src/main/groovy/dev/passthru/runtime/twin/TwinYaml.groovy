package dev.passthru.runtime.twin

import dev.passthru.runtime.tape.TapeWriter
import groovy.transform.CompileStatic

/**
 * Writes nested maps, lists and scalars as YAML, deterministically (the maps' own order): short lists of
 * scalars and maps of numbers in flow style, multi-line text as literal blocks, strings plain when YAML
 * reads them back as the same string, quoted otherwise.
 */
@CompileStatic
final class TwinYaml {
    private static final Set<String> RESERVED = ['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'y', 'n'] as Set

    private TwinYaml() {}

    /** The YAML text of {@code root}. */
    static String write(Map<String, Object> root) {
        StringBuilder b = new StringBuilder()
        map(b, root, 0)
        b.toString()
    }

    private static void map(StringBuilder b, Map<String, Object> m, int indent) {
        m.each { String k, Object v ->
            b << ' ' * indent << key(k) << ':'
            value(b, v, indent)
        }
    }

    @SuppressWarnings('unchecked')
    private static void value(StringBuilder b, Object v, int indent) {
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v
            if (m.isEmpty()) { b << ' {}\n'; return }
            if (flow(m)) {
                b << ' {' << m.collect { String k, Object n -> "${key(k)}: ${n}" }.join(', ') << '}\n'
                return
            }
            b << '\n'
            map(b, m, indent + 2)
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v
            if (l.isEmpty()) { b << ' []\n'; return }
            if (l.every { it instanceof Number || (it instanceof String && !((String) it).contains('\n')) }) {
                b << ' [' << l.collect { scalar(it, 0) }.join(', ') << ']\n'
                return
            }
            b << '\n'
            l.each { Object item -> listItem(b, item, indent) }
        } else {
            b << ' ' << scalar(v, indent + 2) << '\n'
        }
    }

    @SuppressWarnings('unchecked')
    private static void listItem(StringBuilder b, Object item, int indent) {
        if (item instanceof Map && !((Map) item).isEmpty() && !flow((Map<String, Object>) item)) {
            StringBuilder inner = new StringBuilder()
            map(inner, (Map<String, Object>) item, indent + 2)
            b << ' ' * indent << '- ' << inner.substring(indent + 2)
            return
        }
        StringBuilder one = new StringBuilder()
        value(one, item, indent + 2)
        b << ' ' * indent << '-' << one
    }

    /** A small map of numbers (a CPU's place) fits on one line. */
    private static boolean flow(Map<String, Object> m) {
        m.size() <= 4 && m.values().every { it instanceof Number }
    }

    private static String key(String k) {
        k ==~ /[A-Za-z0-9_\/.-]+/ && !RESERVED.contains(k.toLowerCase()) ? k : TapeWriter.quoted(k)
    }

    private static String scalar(Object v, int indent) {
        if (v == null) return 'null'
        if (v instanceof Number || v instanceof Boolean) return v.toString()
        String s = v.toString()
        boolean plain = s ==~ /[A-Za-z\/][A-Za-z0-9_\/.+-]*( [A-Za-z0-9_\/.+-]+)*/ &&
                !RESERVED.contains(s.toLowerCase())
        plain ? s : TapeWriter.scalar(s, indent)
    }
}
