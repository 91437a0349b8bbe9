package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * One preflight's view of a host's PCI devices, each part read once and only when a check asks for it
 * (so a recipe that needs no NUMA or SR-IOV facts sends no command for them): functions from lspci,
 * IOMMU groups, NUMA node per device, and SR-IOV VF to PF links.
 */
@CompileStatic
class HostDevices {
    private final HostShell shell
    private final Closure<Map<PciAddress, Integer>> numaSource
    private List<PciFunction> functions
    private Map<PciAddress, Integer> groups
    private Map<PciAddress, Integer> numa
    private Map<PciAddress, PciAddress> pfOf

    /** {@code numaSource} reads device nodes (XCP-ng asks Xen; null reads sysfs). */
    HostDevices(HostShell shell, Closure<Map<PciAddress, Integer>> numaSource = null) {
        this.shell = shell
        this.numaSource = numaSource
    }

    List<PciFunction> functions() {
        if (functions == null) functions = Lspci.parse(shell.out(PciCommands.lspci()))
        functions
    }

    PciFunction function(PciAddress a) { functions().find { it.address == a } }

    /** Device to IOMMU group; empty when the IOMMU is off (or, in XCP-ng's dom0, not shown to Linux). */
    Map<PciAddress, Integer> groups() {
        if (groups == null) groups = PciSysfs.iommuGroups(shell.out(PciCommands.iommuGroups()))
        groups
    }

    /** The device's NUMA node, or -1 when the host does not say. */
    int numaNode(PciAddress a) {
        if (numa == null) numa = numaSource != null ? numaSource.call() : sysfsNodes()
        numa.containsKey(a) ? numa[a] : -1
    }

    private Map<PciAddress, Integer> sysfsNodes() {
        CommandResult r = shell.run(PciCommands.NUMA_NODES)
        if (r.exit == 0) return PciSysfs.numaNodes(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:]
        throw new RemoteCommandException(r)
    }

    /** VF to PF (empty when no device has SR-IOV virtual functions). */
    Map<PciAddress, PciAddress> physfns() {
        if (pfOf == null) pfOf = PciSysfs.physfns(shell.out(PciCommands.PHYSFNS))
        pfOf
    }
}
