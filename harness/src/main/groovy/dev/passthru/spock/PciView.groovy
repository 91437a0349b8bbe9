package dev.passthru.spock

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.kvm.IommuGroups
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * One PCI function's state on the host, each property read when asked (through the runtime's facts): driver,
 * hidden from dom0/host drivers, assignable to a VM, IOMMU group, NUMA node.
 */
@CompileStatic
final class PciView {
    final PciAddress address
    private final HostReader host

    PciView(PciAddress address, HostReader host) {
        this.address = address
        this.host = host
    }

    private HostDevices devices() { host.xcpng ? host.xcpng.devices() : host.kvm.devices() }

    private PciFunction function() {
        PciFunction f = devices().function(address)
        if (f == null) throw new AssertionError("${address} is not on this host (lspci -nnk -D does not list it)")
        f
    }

    /** The driver in use now, or null when none is bound. */
    String getDriver() { function().driver }

    /** XCP-ng: in xen-pciback.hide (dom0 leaves it alone); KVM: held by vfio-pci. */
    boolean isHidden() {
        host.xcpng ? host.xcpng.hiddenConfigured().contains(address) : function().driver == 'vfio-pci'
    }

    /**
     * XCP-ng: listed by xl pci-assignable-list; KVM: IOMMU on, bound to vfio-pci, and its IOMMU group viable (as
     * {@code verify assignable} checks).
     */
    boolean isAssignable() {
        if (host.xcpng) return host.xcpng.assignable().contains(address)
        Map<PciAddress, Integer> groups = host.kvm.iommuGroups()
        List<PciFunction> fns = host.kvm.functions()
        !groups.isEmpty() && fns.find { it.address == address }?.driver == 'vfio-pci' &&
                IommuGroups.notViable(address, groups, fns, [address]) == null
    }

    /** The IOMMU group, or null when the host shows none (IOMMU off, or XCP-ng's dom0). */
    Integer getIommuGroup() { devices().groups()[address] }

    /** The NUMA node, or -1 when the host does not say. */
    int getNumaNode() { devices().numaNode(address) }

    String toString() { address.toString() }
}
