package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** Pure: whether a device's IOMMU group lets it go to a VM. */
@CompileStatic
final class IommuGroups {
    private IommuGroups() {}

    /**
     * Null when the group of {@code a} is viable with {@code hidden} given to vfio-pci; otherwise a message
     * naming the members that keep it from being so.
     */
    static String notViable(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns,
            Collection<PciAddress> hidden) {
        Integer g = groups[a]
        if (g == null) return "${a} is in no IOMMU group (/sys/kernel/iommu_groups does not list it)".toString()
        List<PciFunction> blocking = others(a, groups, fns, hidden).findAll { PciFunction f ->
            !(f.driver in [null, 'vfio-pci', 'pci-stub'])
        }
        blocking
                ? ("IOMMU group ${g} of ${a} is not viable: it also holds ${blocking*.shortText().join('; ')}; " +
                        "hide ${blocking.size() == 1 ? 'it' : 'them'} too, " +
                        'or move the card to a slot with its own group').toString()
                : null
    }

    /**
     * Stricter, for preflight: null when every other member of the group of {@code a} is a bridge, is
     * hidden by the recipe, or is bound to vfio-pci already; otherwise a message naming the others. A
     * member with no driver does not stop vfio today, but any driver that binds it later (a module
     * loaded at the next boot) makes the VM fail to start, so sharing is refused before any change.
     */
    static String notIsolated(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns,
            Collection<PciAddress> hidden) {
        Integer g = groups[a]
        if (g == null) return null
        List<PciFunction> shared = others(a, groups, fns, hidden).findAll { PciFunction f -> f.driver != 'vfio-pci' }
        shared
                ? ("IOMMU group ${g} of ${a} is not isolated: it also holds ${shared*.shortText().join('; ')}; " +
                        "vfio gives a VM whole groups, so hide ${shared.size() == 1 ? 'it' : 'them'} too, " +
                        'or move the card to a slot with its own group').toString()
                : null
    }

    /** The other members of the group of {@code a} that the recipe does not hide and that are not bridges. */
    private static List<PciFunction> others(PciAddress a, Map<PciAddress, Integer> groups, List<PciFunction> fns,
            Collection<PciAddress> hidden) {
        Integer g = groups[a]
        groups.findAll { PciAddress m, Integer n -> n == g && m != a && !hidden.contains(m) }
                .keySet().collect { PciAddress m ->
            fns.find { it.address == m } ?: new PciFunction(m, '????', 'unknown device', '????', '????', '', null, [])
        }.findAll { PciFunction f -> !f.isBridge() }
    }
}
