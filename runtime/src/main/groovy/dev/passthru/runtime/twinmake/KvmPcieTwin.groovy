package dev.passthru.runtime.twinmake

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoPcie
import dev.passthru.runtime.pcie.LspciVerbose
import dev.passthru.runtime.pcie.PcieDetails
import dev.passthru.runtime.pcie.PcieFacts
import dev.passthru.runtime.pcie.SysfsParents
import groovy.transform.CompileStatic

/**
 * The PCIe side of a KVM twin (the optional keys parent, port_type, link, bars, acs_cap, acs_ctl, ats of
 * docs/twins.md), read with the product's own parsers from the reads {@code passthru facts} makes:
 * {@code lspci -vvv -D} and the devices' resolved sysfs paths.
 */
@CompileStatic
final class KvmPcieTwin {
    private final TwinReads reads
    private final DemoKvmState s
    private final List<String> notDerived

    KvmPcieTwin(TwinReads reads, DemoKvmState s, List<String> notDerived) {
        this.reads = reads
        this.s = s
        this.notDerived = notDerived
    }

    /** Fills {@code s.pcie} for the functions already in the state. */
    void derive() {
        Set<PciAddress> known = s.pci*.address as Set<PciAddress>
        String paths = reads.output(PcieFacts.SYSFS_PATHS)
        if (paths == null) {
            notDerived << 'pci[].parent: the devices\' sysfs paths were not read; no parent is written'
        } else {
            SysfsParents.parse(paths).each { PciAddress a, PciAddress up ->
                if (up != null && a in known) at(a).parent = up
            }
        }
        String verbose = reads.output(PcieFacts.DETAILS.command())
        if (verbose == null) {
            notDerived << 'pci[].port_type: `lspci -vvv -D` was not read; no port type, link, BARs, ACS or ATS is ' +
                    'written'
            return
        }
        Map<PciAddress, List<String>> bars = LspciVerbose.barWords(verbose)
        LspciVerbose.parse(verbose).findAll { it.address in known }.each { PcieDetails d ->
            details(d, bars[d.address])
        }
        s.pcie.keySet().removeAll(s.pcie.findAll { PciAddress k, DemoPcie v -> v.isEmpty() }.keySet())
    }

    private void details(PcieDetails d, List<String> bars) {
        DemoPcie t = at(d.address)
        t.portType = d.type?.lspciName
        if (d.linkSpeed ==~ /[0-9.]+GT\/s/) t.link = "${d.linkSpeed} x${d.linkWidth}".toString()
        else if (d.linkSpeed != null) notDerived << ("pci[${d.address}].link: lspci shows the speed " +
                "'${d.linkSpeed}'; no link is written").toString()
        t.bars = bars ?: []
        t.acsCap = d.acsCap
        t.acsCtl = d.acsCap == null ? null : d.acsCtl ?: 0
        t.ats = d.atsEnabled
    }

    private DemoPcie at(PciAddress a) { s.pcie.computeIfAbsent(a) { new DemoPcie() } }
}
