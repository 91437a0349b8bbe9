package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * What a recipe asks for when it does not give a PCI address: devices by vendor/device id or class, all
 * functions of a device, or its whole IOMMU group. Preflight resolves it against the host's lspci; one
 * that matches nothing, or more than {@link ById#count} devices, stops the run and lists what is there.
 */
@CompileStatic
abstract class Selector {
    /** How messages name it, e.g. {@code pci(vendor: '10de', device: '1c81')}. */
    abstract String describe()

    /** Devices by ids and class; {@code count} is how many the recipe wants (null: all that match, at least one). */
    static final class ById extends Selector {
        final String vendor
        final String device
        /** A class name ({@code gpu}) or hex class prefix ({@code 0300}, {@code 03}); null for any. */
        final String deviceClass
        final Integer count
        /** The alias this came from, for messages; null when written out. */
        final String alias
        /** The NUMA node the devices must sit on (sysfs numa_node), or null for any. */
        final Integer node

        ById(String vendor, String device, String deviceClass, Integer count, String alias = null,
                Integer node = null) {
            this.vendor = vendor
            this.device = device
            this.deviceClass = deviceClass
            this.count = count
            this.alias = alias
            this.node = node
        }

        ById withCount(Integer n, String aliasName) { new ById(vendor, device, deviceClass, n, aliasName, node) }

        /** The same selector, on NUMA node {@code n} only. */
        ById onNode(Integer n) { new ById(vendor, device, deviceClass, count, alias, n) }

        /** The class ids (4 hex digits) this selector's class accepts, or null for any class. */
        List<String> classPrefixes() { deviceClass == null ? null : DeviceClasses.prefixes(deviceClass) }

        String describe() {
            List<String> parts = []
            if (vendor) parts << "vendor: '${vendor}'".toString()
            if (device) parts << "device: '${device}'".toString()
            if (deviceClass) parts << "class: '${deviceClass}'".toString()
            if (node != null) parts << "node: ${node}".toString()
            if (count != 1) parts << "count: ${count == null ? "'all'" : count}".toString()
            String text = "pci(${parts.join(', ')})"
            alias ? "alias '${alias}' ${text}" : text
        }
    }

    /** Every function in the same slot as {@code base}. */
    static final class FunctionsOf extends Selector {
        final Device base
        FunctionsOf(Device base) { this.base = base }
        String describe() { "${base}.withFunctions()" }
    }

    /**
     * For each of {@code bases}, the one of {@code candidates} nearest it in the PCIe tree: behind the same switch, else
     * below the same root port, else on the same NUMA node ({@code nearestNic(gpus())}).
     */
    static final class Nearest extends Selector {
        final List<Device> bases
        final ById candidates
        /** The DSL word that made it, for messages ({@code nearestNic}). */
        final String word

        Nearest(List<Device> bases, ById candidates, String word) {
            this.bases = List.copyOf(bases)
            this.candidates = candidates
            this.word = word
        }

        String describe() { "${word}(${bases.join(', ')})" }
    }

    /** Every endpoint in the IOMMU group of {@code base}. */
    static final class GroupOf extends Selector {
        final Device base
        GroupOf(Device base) { this.base = base }
        String describe() { "${base}.withGroup()" }
    }
}
