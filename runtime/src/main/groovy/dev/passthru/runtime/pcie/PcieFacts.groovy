package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.facts.Facts
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The host's PCIe tree as the run's facts read it (read once per run, and only when a step asks for it). */
@CompileStatic
final class PcieFacts {
    private PcieFacts() {}

    /** Each device's resolved sysfs path (busybox readlink takes one path, hence the loop). */
    static final String SYSFS_PATHS = 'for d in /sys/bus/pci/devices/*; do readlink -f "$d"; done'

    /** Port types, links, BARs, ACS and ATS of every function (lspci -vvv -D; capabilities need root). */
    static final Fact<List<PcieDetails>> DETAILS = CommandFact.output(command('lspci', '-vvv', '-D'),
            { String out -> LspciVerbose.parse(out) } as CommandFact.Parses<List<PcieDetails>>)

    /** Each device's parent bridge (null on a root bus), from where sysfs nests it. */
    static final Fact<Map<PciAddress, PciAddress>> PARENTS = CommandFact.output(SYSFS_PATHS,
            { String out -> SysfsParents.parse(out) } as CommandFact.Parses<Map<PciAddress, PciAddress>>).untilReboot()

    /** The tree: lspci's details, sysfs's parents and each device's numa_node (-1 where sysfs gives none). */
    static PcieTree tree(Facts facts) {
        build(facts.read(DETAILS), facts.read(PARENTS), facts.read(CommonFacts.NUMA_NODES))
    }

    /** The tree from the three reads (pure). */
    static PcieTree build(List<PcieDetails> details, Map<PciAddress, PciAddress> parents,
            Map<PciAddress, Integer> nodes) {
        new PcieTree(details.collect { PcieDetails d ->
            Integer node = nodes[d.address]
            new PcieFunction(d.address, parents[d.address], d.type, node == null ? -1 : node, d.acsCap, d.acsCtl,
                    d.atsEnabled, d.linkSpeed, d.linkWidth, d.barBytes)
        })
    }
}
