package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * One simulated function's place in the PCIe tree and the capabilities {@code lspci -vvv} shows (twin keys
 * {@code pci[].parent}, {@code port_type}, {@code link}, {@code bars}, {@code acs_cap}, {@code acs_ctl}, {@code ats};
 * docs/twins.md). A null is "the function has none": no parent (a root bus), no Express capability, no link
 * capability, no ACS, no ATS.
 */
@CompileStatic
class DemoPcie {
    /** The bridge above it (its sysfs parent directory), or null on a root bus. */
    PciAddress parent
    /** Its Express capability's device/port type as lspci words it ({@code Root Port}, {@code Endpoint}). */
    String portType
    /** LnkCap's speed and width, {@code 32GT/s x16}. */
    String link
    /** Its memory BARs in region order: {@code SIZE} (32-bit, non-prefetchable) or {@code SIZE 64-bit prefetchable}. */
    List<String> bars = []
    /** ACS capability and control bits (ACSCap, ACSCtl), or null without the ACS capability. */
    Integer acsCap
    Integer acsCtl
    /** ATSCtl's Enable, or null without the ATS capability. */
    Boolean ats

    /** Whether the function shows nothing of the tree (a twin entry without any of these keys). */
    boolean isEmpty() {
        parent == null && portType == null && link == null && bars.isEmpty() && acsCap == null && ats == null
    }
}
