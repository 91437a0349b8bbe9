package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Turns what a recipe passes as devices (Device values, BDF strings, lists of either) and selector maps into Devices.
 */
@CompileStatic
final class DeviceArgs {
    private DeviceArgs() {}

    static final Set<String> SELECTOR_KEYS = ['vendor', 'device', 'class', 'count', 'alias', 'node'] as Set<String>

    static List<Device> of(Locator locator, String method, Object[] args) {
        List<Device> out = []
        flatten(args as List).each { Object a ->
            if (a instanceof Device) out << (Device) a
            else if (a instanceof CharSequence) out << pci(locator, a.toString())
            else throw locator.error("${method}: expected a device (pci 'BDF' or pci(vendor: ..., device: ...)) but " +
                    "got ${a == null ? 'null' : a.getClass().simpleName + " '" + a + "'"}")
        }
        if (out.isEmpty()) throw locator.error("${method}: names no device")
        out.unique()
    }

    /** A device from a BDF string, or a recipe error at the calling line (also for a function behind Intel VMD). */
    static Device pci(Locator locator, String bdf) {
        PciAddress address
        try {
            address = PciAddress.parse(bdf)
        } catch (IllegalArgumentException e) {
            throw locator.error(e.message)
        }
        if (address.behindVmd) throw locator.error("pci '${bdf.trim()}': ${address.vmdRefusal()}")
        new Device(address, locator.here())
    }

    /** A selector from {@code vendor:, device:, class:, count:} or {@code alias:} (with an optional count:). */
    static Device select(Locator locator, Aliases aliases, Map<String, Object> spec) {
        Set<String> unknown = spec.keySet() - SELECTOR_KEYS
        if (unknown) {
            throw locator.error("pci: unknown key${unknown.size() > 1 ? 's' : ''} ${unknown.join(', ')} (use " +
                    "vendor:, device:, class:, node:, count: or alias:)")
        }
        Integer count = count(locator, spec.containsKey('count') ? spec.count : 1)
        if (spec.containsKey('alias')) {
            if (spec.keySet().any { it in ['vendor', 'device', 'class'] }) {
                throw locator.error('pci: alias: stands alone (with count: and node: at most); the alias says ' +
                        'vendor, device and class')
            }
            String name = String.valueOf(spec.alias)
            Selector.ById a = aliases.get(name)
            if (a == null) {
                throw locator.error("pci: no alias '${name}' is " +
                        "defined${aliases.names() ? ' (defined: ' + aliases.names().join(', ') + ')' : ''}; define " +
                        "it with alias '${name}', vendor: ..., device: ...")
            }
            return new Device(a.withCount(count, name).onNode(node(locator, 'pci', spec)), locator.here())
        }
        new Device(byId(locator, 'pci', spec, count), locator.here())
    }

    /** The vendor/device/class part of a selector, checked. */
    static Selector.ById byId(Locator locator, String method, Map<String, Object> spec, Integer count) {
        String vendor = hex(locator, method, 'vendor', spec.vendor)
        String device = hex(locator, method, 'device', spec.device)
        String cls = spec['class'] == null ? null : String.valueOf(spec['class'])
        if (cls != null) {
            try { DeviceClasses.prefixes(cls) } catch (IllegalArgumentException e) {
                throw locator.error("${method}: ${e.message}")
            }
        }
        if (vendor == null && device == null && cls == null) {
            throw locator.error("${method}: give vendor:, device: or class: (or a PCI address)")
        }
        if (device != null && vendor == null) {
            throw locator.error("${method}: device: '${device}' needs vendor: too (device ids are per vendor)")
        }
        new Selector.ById(vendor, device, cls, count, null, node(locator, method, spec))
    }

    /** {@code node:}, a NUMA node number from 0, or null when not given. */
    static Integer node(Locator locator, String method, Map<String, Object> spec) {
        if (!spec.containsKey('node')) return null
        Object n = spec.node
        if (n instanceof Integer && (Integer) n >= 0) return (Integer) n
        throw locator.error("${method}: node: must be a NUMA node number from 0 (got '${n}')")
    }

    private static Integer count(Locator locator, Object c) {
        if (c == 'all') return null
        if (c instanceof Integer && (Integer) c >= 1) return (Integer) c
        throw locator.error("pci: count: must be a number from 1 up, or 'all' (got '${c}')")
    }

    private static String hex(Locator locator, String method, String key, Object v) {
        if (v == null) return null
        String s = String.valueOf(v).toLowerCase(Locale.ROOT)
        if (!(s ==~ /[0-9a-f]{4}/)) {
            throw locator.error("${method}: ${key}: '${v}' is not a 4-digit hex id (lspci -nn shows them as " +
                    "[10de:1c81])")
        }
        s
    }

    private static List flatten(List args) {
        List out = []
        args.each { a -> a instanceof Collection ? out.addAll(flatten(a as List)) : out.add(a) }
        out
    }
}
