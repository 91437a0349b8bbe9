package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Named device selectors, defined once in a recipe file (like Nova's pci.alias) and used as {@code pci(alias: 'name')}.
 */
@CompileStatic
final class Aliases {
    /** The keys an alias takes (the @NamedParam keys of alias in RecipeScript and RecipeContext). */
    static final Set<String> KEYS = ['vendor', 'device', 'class'] as Set<String>

    private final Map<String, Selector.ById> byName = new LinkedHashMap<>()

    void define(Locator locator, String name, Map<String, Object> spec) {
        if (!(name ==~ /[A-Za-z0-9_.-]+/)) {
            throw locator.error("alias: the name '${name}' must be letters, digits, '.', '_' or '-'")
        }
        if (byName.containsKey(name)) {
            throw locator.error("alias '${name}' is already defined; an alias is defined once")
        }
        if (spec.containsKey('count') || spec.containsKey('alias')) {
            throw locator.error("alias '${name}': count: goes where the alias is used, pci(alias: '${name}', count: 2)")
        }
        Set<String> unknown = spec.keySet() - KEYS
        if (unknown) {
            String keys = "key${unknown.size() > 1 ? 's' : ''} ${unknown.join(', ')}"
            throw locator.error("alias '${name}': unknown ${keys} (use vendor:, device: or class:)")
        }
        byName[name] = DeviceArgs.byId(locator, "alias '${name}'", spec, 1)
    }

    Selector.ById get(String name) { byName[name] }

    List<String> names() { byName.keySet().toList() }
}
