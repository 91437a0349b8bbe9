package dev.passthru.runtime.twin

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.text.Document
import groovy.transform.CompileStatic

/** Typed reads from a twin file's YAML, each mistake a {@link TwinException} naming {@code FILE:LINE}. */
@CompileStatic
final class TwinFields {
    final Document doc

    TwinFields(Document doc) { this.doc = doc }

    /** {@code path} and one more key or index. */
    static List<Object> child(List<Object> path, Object key) {
        List<Object> out = new ArrayList<Object>(path)
        out << key
        out
    }

    /** The map at {@code path}, refusing keys outside {@code known}. */
    @SuppressWarnings('unchecked')
    Map<String, Object> map(List<Object> path, Collection<String> known) {
        Object v = get(path)
        if (!(v instanceof Map)) throw fail(path, 'expected keys and values here')
        Map<String, Object> m = (Map<String, Object>) v
        String unknown = m.keySet().find { !known.contains(it) }
        if (unknown != null) {
            throw fail(TwinFields.child(path, unknown), "unknown key '${unknown}' (known: ${known.join(', ')})")
        }
        m
    }

    /** The value at {@code path}; a missing key is an error naming its map's line. */
    Object get(List<Object> path) {
        Object v = doc.root
        for (int i = 0; i < path.size(); i++) {
            Object step = path[i]
            if (v instanceof Map && step instanceof String && ((Map) v).containsKey(step)) {
                v = ((Map) v)[step]
            } else if (v instanceof List && step instanceof Integer && (int) step < ((List) v).size()) {
                v = ((List) v)[(int) step]
            } else {
                throw fail(path.take(i), "missing key '${step}'")
            }
        }
        v
    }

    /** Whether the map at {@code path} has {@code key}. */
    boolean has(List<Object> path, String key) {
        Object v = get(path)
        v instanceof Map && ((Map) v).containsKey(key)
    }

    /** A string (a number written plain is read as its text). */
    String string(List<Object> path) {
        Object v = get(path)
        if (v instanceof String || v instanceof Integer || v instanceof Long) return v.toString()
        throw fail(path, 'expected a string')
    }

    /** A string or null. */
    String optString(List<Object> path) { get(path) == null ? null : string(path) }

    /** A whole number. */
    long number(List<Object> path) {
        Object v = get(path)
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue()
        throw fail(path, 'expected a whole number')
    }

    /** A whole number that fits an int. */
    int integer(List<Object> path) { (int) number(path) }

    /** true or false. */
    boolean bool(List<Object> path) {
        Object v = get(path)
        if (v instanceof Boolean) return (boolean) v
        throw fail(path, 'expected true or false')
    }

    /** The list at {@code path}. */
    List<Object> list(List<Object> path) {
        Object v = get(path)
        if (v instanceof List) return (List<Object>) v
        throw fail(path, 'expected a list')
    }

    /** A list of strings. */
    List<String> strings(List<Object> path) {
        List<Object> l = list(path)
        (0..<l.size()).collect { int i -> string(TwinFields.child(path, i)) }
    }

    /** A map of strings to strings, in the file's order. */
    Map<String, String> stringMap(List<Object> path) {
        Object v = get(path)
        if (!(v instanceof Map)) throw fail(path, 'expected keys and values here')
        Map<String, String> out = new LinkedHashMap<>()
        ((Map<String, Object>) v).keySet().each { String k -> out[k] = optString(TwinFields.child(path, k)) }
        out
    }

    /** A PCI address with its domain. */
    PciAddress address(List<Object> path) {
        String s = string(path)
        PciAddress a = DemoLspci.address(s)
        if (a == null) throw fail(path, "'${s}' is not a PCI address (DDDD:BB:DD.F)")
        a
    }

    /** An error at {@code path}'s line (or the nearest enclosing one that has a line). */
    TwinException fail(List<Object> path, String what) {
        List<Object> p = path
        while (p && doc.line(p) == 0) p = p.take(p.size() - 1)
        String at = p ? doc.at(p) : "${doc.source}:1"
        new TwinException("${at}: ${what}")
    }
}
