package dev.passthru.runtime.fleet

import dev.passthru.runtime.text.Document
import dev.passthru.runtime.text.DocumentException
import groovy.transform.CompileStatic

/**
 * Ansible's YAML inventory: groups with {@code hosts:} (name to vars), {@code vars:} and {@code children:}, under
 * {@code all:} or at the top. Read whole; a YAML error is {@code FILE:LINE:COLUMN: not YAML: reason}, a wrong
 * shape or value names the group, the host and the line.
 */
@CompileStatic
final class YamlInventory {
    private final Document doc
    private final Inventory inv

    private YamlInventory(Document doc) {
        this.doc = doc
        this.inv = new Inventory(doc.source)
    }

    /** Reads the whole text; nothing is returned unless all of it is right. */
    static Inventory parse(String text, String source) {
        Document doc
        try {
            doc = Document.yaml(text, source)
        } catch (DocumentException e) {
            throw new InventoryException(e.message)
        }
        if (!(doc.root instanceof Map)) {
            throw new InventoryException("${source}: expected groups at the top (all:, or group names)")
        }
        YamlInventory y = new YamlInventory(doc)
        ((Map) doc.root).each { Object k, Object v -> y.group(k.toString(), v, [(Object) k]) }
        y.inv
    }

    private void group(String name, Object body, List<Object> path) {
        Inventory.Group g = inv.group(name)
        if (name != 'all' && !inv.groups.values().any { it.children.contains(name) }) inv.group('all').children << name
        if (body == null) return
        if (!(body instanceof Map)) {
            throw error(path, "group '${name}' must hold hosts:, vars: or children: (it is ${kind(body)})")
        }
        Map m = (Map) body
        m.keySet().findAll { !(it in ['hosts', 'vars', 'children']) }.each { Object k ->
            throw error(path + [k], "group '${name}' has ${k}; a group holds hosts:, vars: and children:")
        }
        String hostsShape = "group '${name}': hosts: must map host names to their variables"
        mapping(m.hosts, path + ['hosts' as Object], hostsShape).each { Object h, Object v ->
            List<Object> at = path + ['hosts', h]
            String host = "group '${name}', host '${h}'"
            Map<String, Object> vars = variables(
                    mapping(v, at, "${host}: the host's variables must be a mapping (key: value)"), at, host)
            InventoryReader.expand(h.toString(), doc.source, doc.line(at)).each { String one ->
                g.hosts.computeIfAbsent(one) { [:] as Map<String, Object> }.putAll(vars)
            }
        }
        List<Object> varsAt = path + ['vars' as Object]
        String varsShape = "group '${name}': vars: must be a mapping (key: value)"
        g.vars.putAll(variables(mapping(m.vars, varsAt, varsShape), varsAt, "group '${name}'"))
        String childrenShape = "group '${name}': children: must map group names to groups"
        mapping(m.children, path + ['children' as Object], childrenShape).each { Object c, Object cb ->
            g.children << c.toString()
            group(c.toString(), cb, path + ['children', c])
        }
    }

    private Map<String, Object> variables(Map raw, List<Object> path, String what) {
        Map<String, Object> vars = [:]
        raw.each { Object k, Object v ->
            String problem = Inventory.varProblem(k.toString(), v)
            if (problem) throw error(path + [k], "${what}: ${problem}")
            vars[k.toString()] = v
        }
        vars
    }

    /** {@code value} as a map (null: empty), or an error at {@code path}. */
    private Map mapping(Object value, List<Object> path, String what) {
        if (value == null) return [:]
        if (!(value instanceof Map)) throw error(path, "${what} (it is ${kind(value)})")
        (Map) value
    }

    private static String kind(Object v) { v instanceof List ? 'a list' : v instanceof Map ? 'a mapping' : "'${v}'" }

    private InventoryException error(List<Object> path, String what) {
        new InventoryException("${doc.at(path)}: ${what}")
    }
}
