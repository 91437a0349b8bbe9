package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Ansible's INI inventory, read whole and refused at the first mistake with {@code FILE:LINE: what}, as Ansible
 * refuses it: a section header that is not {@code [group]}, {@code [group:vars]} or {@code [group:children]}; a
 * host variable that is not {@code key=value}; a bad {@code ansible_port}; a {@code :children} entry or a
 * {@code :vars} section naming a group no {@code [group]} or {@code [group:children]} section defines.
 */
@CompileStatic
final class IniInventory {
    private static final Pattern SECTION = ~/^\[\s*([^\[\]:\s]+)\s*(?::\s*([^\[\]\s]*)\s*)?\]\s*(?:[#;].*)?$/
    private static final Pattern VARIABLE = ~/[A-Za-z_][A-Za-z0-9_]*/
    private static final List<String> KINDS = ['vars', 'children']

    private final String source
    private final Inventory inv
    /** Groups a [g] or [g:children] section defines (Ansible: [g:vars] alone does not). */
    private final Set<String> defined = ['all', 'ungrouped'] as Set<String>
    /** Groups named before they were defined: the line naming each and what to say if none defines it. */
    private final List<Map.Entry<String, String>> pending = []
    private String group = 'ungrouped'
    private String kind = 'hosts'

    private IniInventory(String source) {
        this.source = source
        this.inv = new Inventory(source)
    }

    /** Reads the whole text; nothing is returned unless every line is right. */
    static Inventory parse(String text, String source) {
        IniInventory p = new IniInventory(source)
        text.readLines().eachWithIndex { String raw, int i -> p.line(raw.trim(), i + 1) }
        p.finish()
    }

    private void line(String line, int n) {
        if (!line || line.startsWith('#') || line.startsWith(';')) return
        if (line.startsWith('[')) {
            section(line, n)
            return
        }
        List<String> words = words(line, n)
        if (!words) return
        switch (kind) {
            case 'vars': groupVar(line, n); break
            case 'children': child(words, n); break
            default: hostLine(words, n)
        }
    }

    private void section(String line, int n) {
        Matcher m = SECTION.matcher(line)
        if (!m.matches()) throw error(n, "'${line}' is not a section header: [group], [group:vars] or [group:children]")
        String suffix = m.group(2)
        if (suffix != null && !(suffix in KINDS)) {
            String section = "[${m.group(1)}:${suffix}]"
            throw error(n, "${section}: unknown section kind ':${suffix}' (Ansible knows :vars and :children)")
        }
        group = m.group(1)
        kind = suffix ?: 'hosts'
        inv.group(group)
        if (group != 'all') inv.group('all').children << group
        if (kind == 'vars') {
            if (!defined.contains(group)) {
                pending << entry(group, "${source}:${n}: [${group}:vars] is for group '${group}', " +
                        "which no [${group}] or [${group}:children] section defines")
            }
        } else {
            defined << group
        }
    }

    private void hostLine(List<String> words, int n) {
        String pattern = words[0]
        Map<String, Object> vars = [:]
        words.drop(1).each { String w ->
            Map.Entry<String, String> kv = keyValue(w, n, "host ${pattern}: '${w}' is not key=value")
            vars[kv.key] = kv.value
            check(kv, n, "host ${pattern}")
        }
        InventoryReader.expand(pattern, source, n).each { String h ->
            inv.group(group).hosts.computeIfAbsent(h) { [:] as Map<String, Object> }.putAll(vars)
        }
        if (group == 'ungrouped') inv.group('all').children << 'ungrouped'
    }

    /** A {@code [group:vars]} line: {@code key=value}, spaces around {@code =} allowed (as Ansible reads it). */
    private void groupVar(String line, int n) {
        Map.Entry<String, String> kv = keyValue(line, n, "[${group}:vars]: '${line}' is not key=value")
        check(kv, n, "group ${group}")
        inv.group(group).vars[kv.key] = kv.value
    }

    private void child(List<String> words, int n) {
        if (words.size() != 1 || words[0].contains('[') || words[0].contains(']') || words[0].contains(':')) {
            throw error(n, "[${group}:children]: '${words.join(' ')}' is not a group name (one per line)")
        }
        String c = words[0]
        if (c == group) throw error(n, "[${group}:children]: a group cannot be its own child")
        if (!defined.contains(c)) {
            pending << entry(c, "${source}:${n}: [${group}:children] names group '${c}', " +
                    "which no [${c}] or [${c}:children] section defines")
        }
        inv.group(c)
        inv.group(group).children << c
    }

    private Inventory finish() {
        Map.Entry<String, String> undefined = pending.find { !defined.contains(it.key) }
        if (undefined) throw new InventoryException(undefined.value)
        inv
    }

    private void check(Map.Entry<String, String> kv, int n, String what) {
        String problem = Inventory.varProblem(kv.key, kv.value)
        if (problem) throw error(n, "${what}: ${problem}")
    }

    private Map.Entry<String, String> keyValue(String text, int n, String notKeyValue) {
        int eq = text.indexOf('=')
        if (eq <= 0 || !text.substring(0, eq).trim()) throw error(n, notKeyValue)
        String key = text.substring(0, eq).trim()
        String value = unquote(text.substring(eq + 1).trim())
        if (!VARIABLE.matcher(key).matches()) {
            throw error(n, "'${key}' is not a variable name (letters, digits and _, not starting with a digit)")
        }
        entry(key, value)
    }

    private static String unquote(String v) {
        v.length() >= 2 && (v[0] == '"' || v[0] == "'") && v[-1] == v[0] ? v.substring(1, v.length() - 1) : v
    }

    /** A host line's words: split at spaces, quotes kept together (and removed), a {@code #} word starts a comment. */
    private List<String> words(String line, int n) {
        List<String> out = []
        StringBuilder cur = new StringBuilder()
        Character quote = null
        for (char c : line.toCharArray()) {
            if (quote != null) { if (c == quote) quote = null else cur.append(c); continue }
            if (c == '"' as char || c == "'" as char) { quote = c; continue }
            if (c == '#' as char && cur.length() == 0) break
            if (Character.isWhitespace(c)) { if (cur.length()) { out << cur.toString(); cur.setLength(0) }; continue }
            cur.append(c)
        }
        if (quote != null) throw error(n, 'unclosed quote')
        if (cur.length()) out << cur.toString()
        out
    }

    private InventoryException error(int n, String what) { new InventoryException("${source}:${n}: ${what}") }

    private static Map.Entry<String, String> entry(String k, String v) {
        new AbstractMap.SimpleEntry<String, String>(k, v)
    }
}
