package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * What the KVM demo host keeps for host preparation beyond the functions' ACS and ATS ({@link DemoPcie}): the ACS
 * control each bridge had at boot (a reboot puts it back: setpci values do not survive a reset), the ConnectX NICs'
 * firmware ATS setting, the systemd units enabled, and how much memory each node can still give to huge pages.
 */
@CompileStatic
class DemoPrepState {
    /** ACS control as the boot left it, for each bridge setpci has written since (others still have it). */
    final Map<PciAddress, Integer> acsBoot = new TreeMap<>()
    final Map<PciAddress, DemoMlxNic> nics = new TreeMap<>()
    /** Unit file names systemctl enable linked into a target's .wants (started at boot). */
    final Set<String> enabledUnits = new TreeSet<>()
    /**
     * KiB each node can give to huge pages at runtime (free memory in page-sized pieces); a node not listed can give
     * all of its MemTotal.
     */
    final Map<Integer, Long> hugepageRoomKib = new TreeMap<>()

    boolean isEmpty() { acsBoot.isEmpty() && nics.isEmpty() && enabledUnits.isEmpty() && hugepageRoomKib.isEmpty() }

    /** A boot: ACS control back to the boot's value, ATS as each NIC's firmware says for this boot. */
    void boot(Map<PciAddress, DemoPcie> pcie) {
        acsBoot.each { PciAddress a, Integer v -> if (pcie[a] != null) pcie[a].acsCtl = v }
        acsBoot.clear()
        nics.each { PciAddress a, DemoMlxNic n -> if (pcie[a]?.ats != null) pcie[a].ats = n.atsNextBoot }
    }

    /**
     * The NIC mlxconfig finds at {@code a}: one the twin lists, else a Mellanox function (15b3) with the ATS
     * capability, whose firmware has ATS as this boot shows it; null for anything else.
     */
    DemoMlxNic nic(PciAddress a, DemoKvmState s) {
        if (nics[a] != null) return nics[a]
        DemoKvmState.Pci p = s.pci.find { it.address == a }
        Boolean ats = s.pcie[a]?.ats
        if (p == null || !p.ids.startsWith('15b3:') || ats == null) return null
        nics[a] = new DemoMlxNic(ats)
    }
}
