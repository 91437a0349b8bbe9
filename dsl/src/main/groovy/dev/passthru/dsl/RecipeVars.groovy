package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * The per-host variables a recipe sees as {@code vars} (from the inventory: all, group and host vars).
 * Reading one the host does not have is a recipe error at that line, naming the host, never a null.
 */
@CompileStatic
class RecipeVars extends LinkedHashMap<String, Object> {
    private final String host
    Locator locator

    RecipeVars(Map<String, Object> vars, String host) {
        super(vars)
        this.host = host
    }

    @Override
    Object get(Object key) {
        if (!containsKey(key)) {
            String where = host ? "host ${host} has no variable '${key}' in the inventory"
                    : "vars.${key} is not set: recipes get vars from an inventory (apply --inventory FILE)"
            throw locator != null ? locator.error(where + (keySet() ? " (it has: ${keySet().join(', ')})" : ''))
                    : new IllegalArgumentException(where)
        }
        super.get(key)
    }
}
