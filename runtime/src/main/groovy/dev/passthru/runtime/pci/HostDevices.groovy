package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.pcie.PcieFacts
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

import java.util.function.Supplier

/**
 * A host's PCI devices as the run's facts give them (each part read once per run and only when a check asks for
 * it, so a recipe that needs no NUMA or SR-IOV facts sends no command for them): functions from lspci, IOMMU
 * groups, NUMA node per device, and SR-IOV VF to PF links.
 */
@CompileStatic
class HostDevices {
    private final Facts facts
    private final Supplier<Map<PciAddress, Integer>> numaSource

    /** {@code numaSource} reads device nodes (XCP-ng asks Xen; null reads sysfs). */
    HostDevices(Facts facts, Supplier<Map<PciAddress, Integer>> numaSource = null) {
        this.facts = facts
        this.numaSource = numaSource
    }

    List<PciFunction> functions() { facts.read(CommonFacts.PCI_FUNCTIONS) }

    PciFunction function(PciAddress a) { functions().find { it.address == a } }

    /** Device to IOMMU group; empty when the IOMMU is off (or, in XCP-ng's dom0, not shown to Linux). */
    Map<PciAddress, Integer> groups() { facts.read(CommonFacts.IOMMU_GROUPS) }

    /** The device's NUMA node, or -1 when the host does not say. */
    int numaNode(PciAddress a) {
        Map<PciAddress, Integer> numa = numaSource != null ? numaSource.get() : facts.read(CommonFacts.NUMA_NODES)
        numa.containsKey(a) ? numa[a] : -1
    }

    /** The PCIe tree (lspci -vvv -D and sysfs parents; read once a run, only when a selector or step asks). */
    PcieTree pcieTree() { PcieFacts.tree(facts) }

    /** VF to PF (empty when no device has SR-IOV virtual functions). */
    Map<PciAddress, PciAddress> physfns() { facts.read(CommonFacts.PHYSFNS) }

    /** The PF's virtual functions, in address order as sysfs lists them. */
    List<PciAddress> virtfns(PciAddress pf) { physfns().findAll { k, v -> v == pf }.keySet().toList() }
}
