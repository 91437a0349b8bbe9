package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A map of host facts as a recipe reads it ({@code facts}, {@code facts.cpus}, {@code facts.pci[0]}): a name
 * the host does not have is a recipe error at that line naming the ones it has, never a null to trip over later.
 */
@CompileStatic
class FactMap extends LinkedHashMap<String, Object> {
    /** Where this map sits under {@code facts} ({@code cpus}, {@code pci[0]}); empty for the top. */
    private final String path
    private final Locator locator

    FactMap(Map<String, Object> facts, String path, Locator locator) {
        this.path = path
        this.locator = locator
        facts.each { String k, Object v -> super.put(k, wrap(v, path ? "${path}.${k}".toString() : k, locator)) }
    }

    @Override
    Object get(Object key) {
        if (!containsKey(key)) {
            String name = path ? "${path}.${key}" : String.valueOf(key)
            throw locator.error("the host has no fact '${name}'; ${path ?: 'it'} has: ${keySet().join(', ')}")
        }
        super.get(key)
    }

    /** Maps inside maps and lists become FactMaps too. */
    private static Object wrap(Object value, String path, Locator locator) {
        if (value instanceof Map) return new FactMap((Map<String, Object>) value, path, locator)
        if (value instanceof List) {
            List<Object> out = []
            ((List) value).eachWithIndex { Object v, int i -> out << wrap(v, "${path}[${i}]".toString(), locator) }
            return out
        }
        value
    }
}
