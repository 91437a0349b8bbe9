package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * What the KVM demo host keeps for host preparation: the bridges' ACS registers, the ConnectX NICs' firmware ATS
 * setting, the systemd units enabled, and how much memory each node can still give to huge pages while running.
 */
@CompileStatic
class DemoPrepState {
    final Map<PciAddress, DemoAcsPort> acs = new TreeMap<>()
    final Map<PciAddress, DemoMlxNic> nics = new TreeMap<>()
    /** Unit file names systemctl enable linked into a target's .wants (started at boot). */
    final Set<String> enabledUnits = new TreeSet<>()
    /**
     * KiB each node can give to huge pages at runtime (free memory in page-sized pieces); a node not listed can give
     * all of its MemTotal.
     */
    final Map<Integer, Long> hugepageRoomKib = new TreeMap<>()

    boolean isEmpty() { acs.isEmpty() && nics.isEmpty() && enabledUnits.isEmpty() && hugepageRoomKib.isEmpty() }

    /** A boot: ACS registers back to their boot values, ATS as the NICs' firmware says for this boot. */
    void boot() {
        acs.values().each { DemoAcsPort p -> p.ctl = p.boot }
        nics.values().each { DemoMlxNic n -> n.atsEnabled = n.atsNextBoot }
    }
}
