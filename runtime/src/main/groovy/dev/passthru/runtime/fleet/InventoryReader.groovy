package dev.passthru.runtime.fleet

import groovy.transform.CompileStatic
import groovy.yaml.YamlSlurper

import java.util.regex.Matcher

/**
 * Reads an inventory: Ansible's INI or YAML inventory formats as they are (so a lab's existing inventory
 * works), or passthru's Groovy form ({@code .groovy}). A line it cannot read is an
 * {@link InventoryException} naming the file and line.
 */
@CompileStatic
final class InventoryReader {
    private InventoryReader() {}

    static Inventory read(File file) {
        if (!file.isFile()) throw new InventoryException("${file}: no such inventory file")
        String text = file.getText('UTF-8')
        String name = file.name.toLowerCase(Locale.ROOT)
        if (name.endsWith('.groovy')) return InventoryScript.read(text, file.path)
        if (name.endsWith('.yml') || name.endsWith('.yaml')) return yaml(text, file.path)
        ini(text, file.path)
    }

    /** Ansible's INI inventory: {@code [group]} host lines with key=value vars, {@code [group:vars]}, {@code [group:children]}; numeric ranges like {@code web[01:50]} or {@code db-[a:c]}. */
    static Inventory ini(String text, String source) {
        Inventory inv = new Inventory(source)
        String group = 'ungrouped'
        String kind = 'hosts'
        text.readLines().eachWithIndex { String raw, int i ->
            String line = raw.trim()
            if (!line || line.startsWith('#') || line.startsWith(';')) return
            Matcher sec = line =~ /^\[([^\]:]+)(?::(vars|children))?\]$/
            if (sec.matches()) {
                group = sec.group(1).trim()
                kind = sec.group(2) ?: 'hosts'
                inv.group(group)
                if (group != 'all') inv.group('all').children << group
                return
            }
            List<String> words = words(line, source, i + 1)
            switch (kind) {
                case 'vars':
                    words.each { String w -> Map.Entry<String, Object> kv = keyValue(w, source, i + 1); inv.group(group).vars[kv.key] = kv.value }
                    break
                case 'children':
                    inv.group(words[0])
                    inv.group(group).children << words[0]
                    break
                default:
                    Map<String, Object> vars = [:]
                    words.drop(1).each { String w -> Map.Entry<String, Object> kv = keyValue(w, source, i + 1); vars[kv.key] = kv.value }
                    expand(words[0], source, i + 1).each { String h -> inv.group(group).hosts.computeIfAbsent(h) { [:] as Map<String, Object> }.putAll(vars) }
                    if (group == 'ungrouped') inv.group('all').children << 'ungrouped'
            }
        }
        inv
    }

    /** Ansible's YAML inventory: groups with {@code hosts:} (name to vars), {@code vars:} and {@code children:}, under {@code all:} or at the top. */
    static Inventory yaml(String text, String source) {
        Object doc
        try {
            doc = new YamlSlurper().parseText(text)
        } catch (Exception e) {
            throw new InventoryException("${source}: not YAML: ${e.message?.readLines()?.first()}")
        }
        if (!(doc instanceof Map)) throw new InventoryException("${source}: expected groups at the top (all:, or group names)")
        Inventory inv = new Inventory(source)
        ((Map) doc).each { Object k, Object v -> yamlGroup(inv, k.toString(), v, source) }
        inv
    }

    private static void yamlGroup(Inventory inv, String name, Object body, String source) {
        Inventory.Group g = inv.group(name)
        if (name != 'all' && !inv.groups.values().any { it.children.contains(name) }) inv.group('all').children << name
        if (body == null) return
        if (!(body instanceof Map)) throw new InventoryException("${source}: group '${name}' must hold hosts:, vars: or children:")
        Map m = (Map) body
        Set unknown = m.keySet() - ['hosts', 'vars', 'children']
        if (unknown) throw new InventoryException("${source}: group '${name}' has ${unknown.join(', ')}; a group holds hosts:, vars: and children:")
        (m.hosts as Map ?: [:]).each { Object h, Object v ->
            expand(h.toString(), source, 0).each { String host -> g.hosts.computeIfAbsent(host) { [:] as Map<String, Object> }.putAll((v ?: [:]) as Map<String, Object>) }
        }
        g.vars.putAll((m.vars ?: [:]) as Map<String, Object>)
        (m.children as Map ?: [:]).each { Object c, Object cb ->
            g.children << c.toString()
            yamlGroup(inv, c.toString(), cb, source)
        }
    }

    /** {@code web[01:03]} is web01, web02, web03 (zero padding kept); a name without a range is itself. */
    static List<String> expand(String pattern, String source, int line) {
        Matcher letters = pattern =~ /^(.*)\[([a-z]):([a-z])\](.*)$/
        if (letters.matches()) {
            char from = letters.group(2).charAt(0), to = letters.group(3).charAt(0)
            if (to < from) throw new InventoryException("${source}${line ? ':' + line : ''}: range [${from}:${to}] runs backwards")
            return ((from as int)..(to as int)).collect { int c -> letters.group(1) + Character.toString(c) + letters.group(4) }
        }
        Matcher m = pattern =~ /^(.*)\[(\d+):(\d+)\](.*)$/
        if (!m.matches()) return [pattern]
        int from = m.group(2) as int, to = m.group(3) as int
        if (to < from) throw new InventoryException("${source}${line ? ':' + line : ''}: range [${m.group(2)}:${m.group(3)}] runs backwards")
        int width = m.group(2).startsWith('0') ? m.group(2).length() : 0
        (from..to).collect { int n -> m.group(1) + (width ? String.format("%0${width}d", n) : "${n}") + m.group(4) }
    }

    private static List<String> words(String line, String source, int n) {
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
        if (quote != null) throw new InventoryException("${source}:${n}: unclosed quote")
        if (cur.length()) out << cur.toString()
        out
    }

    private static Map.Entry<String, Object> keyValue(String w, String source, int n) {
        int eq = w.indexOf('=')
        if (eq <= 0) throw new InventoryException("${source}:${n}: '${w}' is not key=value")
        new AbstractMap.SimpleEntry<String, Object>(w.substring(0, eq), w.substring(eq + 1))
    }
}
