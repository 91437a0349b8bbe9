package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One function's place in the host's PCIe tree and what {@code lspci -vvv} says about its link, BARs, ACS and ATS.
 * Values a host does not show are null (a conventional PCI function has no port type, a function without the ACS
 * extended capability has no ACS bits).
 */
@CompileStatic
@EqualsAndHashCode
final class PcieFunction {
    final PciAddress address
    /** The bridge above it (sysfs parent), or null on a root bus (a root port, a root-complex device). */
    final PciAddress parent
    /** The PCIe device/port type, or null for a conventional PCI function. */
    final PciePortType type
    /** The NUMA node (sysfs numa_node), -1 when the firmware gives none. */
    final int numaNode
    /** ACS capability bits (ACSCap), or null when the function has no ACS capability. */
    final Integer acsCap
    /** ACS control bits (ACSCtl), or null when the function has no ACS capability. */
    final Integer acsCtl
    /** Whether ATS is enabled (ATSCtl Enable+), or null when the function has no ATS capability. */
    final Boolean atsEnabled
    /** Link speed as lspci prints LnkCap's ({@code 32GT/s}), or null when there is no link capability. */
    final String linkSpeed
    /** Link width (LnkCap's {@code x16}: 16), or null. */
    final Integer linkWidth
    /** Sizes of the memory BARs in bytes, in region order. */
    final List<Long> barBytes

    PcieFunction(PciAddress address, PciAddress parent, PciePortType type, int numaNode, Integer acsCap,
            Integer acsCtl, Boolean atsEnabled, String linkSpeed, Integer linkWidth, List<Long> barBytes) {
        this.address = address
        this.parent = parent
        this.type = type
        this.numaNode = numaNode
        this.acsCap = acsCap
        this.acsCtl = acsCtl
        this.atsEnabled = atsEnabled
        this.linkSpeed = linkSpeed
        this.linkWidth = linkWidth
        this.barBytes = List.copyOf(barBytes)
    }

    boolean hasAcs() { acsCap != null }

    boolean hasAts() { atsEnabled != null }

    /** All its memory BARs together, in bytes. */
    long totalBarBytes() { (long) barBytes.sum(0L) }

    String toString() { address.toString() }
}
