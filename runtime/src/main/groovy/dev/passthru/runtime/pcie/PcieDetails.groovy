package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode
import groovy.transform.ToString

/**
 * What {@code lspci -vvv} shows of one function's PCIe place: its Express port type, link capability, memory BAR sizes,
 * ACS bits and ATS state (null where lspci shows no such capability).
 */
@CompileStatic
@EqualsAndHashCode
@ToString(includeNames = true)
final class PcieDetails {
    final PciAddress address
    final PciePortType type
    final String linkSpeed
    final Integer linkWidth
    final List<Long> barBytes
    final Integer acsCap
    final Integer acsCtl
    final Boolean atsEnabled

    PcieDetails(PciAddress address, PciePortType type, String linkSpeed, Integer linkWidth, List<Long> barBytes,
            Integer acsCap, Integer acsCtl, Boolean atsEnabled) {
        this.address = address
        this.type = type
        this.linkSpeed = linkSpeed
        this.linkWidth = linkWidth
        this.barBytes = List.copyOf(barBytes)
        this.acsCap = acsCap
        this.acsCtl = acsCtl
        this.atsEnabled = atsEnabled
    }
}
