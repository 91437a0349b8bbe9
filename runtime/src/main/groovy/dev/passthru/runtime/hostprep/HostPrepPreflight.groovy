package dev.passthru.runtime.hostprep

import dev.passthru.dsl.AcsStep
import dev.passthru.dsl.AtsStep
import dev.passthru.dsl.NoAtsStep
import dev.passthru.dsl.NodeHugepagesStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.numa.NodeSysfs
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * What host preparation checks before any change: a node's huge pages fit a node that exists; acs { } names bridges
 * that have ACS, and says when its value would leave the devices below a bridge unisolated (their IOMMU groups
 * merge); ats names functions with ATS, and enable: true has mlxconfig; noAts has mlxconfig for the NICs it would
 * give their old ATS setting back.
 */
@CompileStatic
final class HostPrepPreflight {
    private final KvmHost host

    HostPrepPreflight(KvmHost host) { this.host = host }

    /** The findings for the recipe's host-preparation steps (none read anything when it has none). */
    List<Finding> check(Recipe recipe) {
        List<Finding> problems = []
        recipe.steps.each { Step s ->
            if (s instanceof NodeHugepagesStep && ((NodeHugepagesStep) s).count != null) {
                problems.addAll(hugepages((NodeHugepagesStep) s))
            }
            if (s instanceof AcsStep) problems.addAll(acs((AcsStep) s))
            if (s instanceof AtsStep) problems.addAll(ats((AtsStep) s))
            if (s instanceof NoAtsStep) problems.addAll(noAts((NoAtsStep) s))
        }
        problems
    }

    private List<Finding> hugepages(NodeHugepagesStep s) {
        Map<Integer, Long> totals = host.facts.read(CommonFacts.NODE_MEM_TOTALS)
        if (!totals) return []
        String evidence = "${NodeSysfs.MEM_TOTALS}: nodes ${totals.keySet().join(', ')}"
        Long total = totals[s.node]
        if (total == null) {
            return [Finding.error(s, "NUMA node ${s.node} does not exist: the host has node" +
                    "${totals.size() == 1 ? '' : 's'} ${totals.keySet().join(', ')}", evidence, null)]
        }
        long wantedKib = s.count * s.sizeKib()
        if (wantedKib > total) {
            return [Finding.error(s, "${s.count} pages of ${s.size} (${wantedKib.intdiv(1024)} MiB) is more than " +
                    "node ${s.node}'s memory (MemTotal ${total.intdiv(1024)} MiB): at most " +
                    "${total.intdiv(s.sizeKib())}",
                    "${NodeSysfs.MEM_TOTALS}: Node ${s.node} MemTotal: ${total} kB", null)]
        }
        Map<Long, Long> pools = host.facts.read(CommonFacts.NODE_HUGEPAGES)[s.node]
        if (pools != null && !pools.containsKey(s.sizeKib())) {
            return [Finding.error(s, "node ${s.node} has no ${s.size} huge page pool (no " +
                    "hugepages-${s.sizeKib()}kB; 1G pages need a CPU with pdpe1gb)",
                    "${NodeSysfs.HUGEPAGES}: sizes ${pools.keySet().join(', ')} kB", null)]
        }
        []
    }

    private List<Finding> acs(AcsStep s) {
        PcieTree tree = host.pcieTree()
        List<PciAddress> devices = s.devices*.address
        List<Finding> problems = AcsBridges.withoutAcs(tree, devices).collect { PcieFunction f ->
            List<PciAddress> above = devices.findAll { PciAddress d -> tree.path(d).contains(f) }
            Finding.error(s, "bridge ${f.address} (above ${above.join(', ')}) " +
                    'has no ACS capability: acs { } cannot set it', "lspci -vvv -s ${f.address}: no Access Control " +
                    'Services capability', 'leave the devices below it out of paths, or accept the firmware\'s ACS')
        }
        AcsBridges.targets(tree, devices, s.control).each { AcsTarget t ->
            List<String> lost = AcsBridges.isolationLost(t)
            if (!lost) return
            List<PciAddress> below = AcsBridges.below(tree, t.bridge.address)
            problems << Finding.warning(s, "ACS control ${PrepCommands.hex(t.value)} on ${t.bridge.address} leaves " +
                    "${lost.join(' ')} off: the devices below it (${below.join(', ')}) are no longer isolated from " +
                    'each other, and would share an IOMMU group (Linux groups by these bits, drivers/pci/pci.c ' +
                    'pci_acs_enabled)', "ACSCap of ${t.bridge.address}: ${PrepCommands.hex(t.bridge.acsCap)}",
                    'keep SrcValid ReqRedir CmpltRedir UpstreamFwd on (0x001d; NVIDIA\'s 0x005d adds DirectTrans)')
        }
        problems
    }

    private List<Finding> ats(AtsStep s) {
        PcieTree tree = host.pcieTree()
        List<Finding> problems = s.devices*.address.findAll { PciAddress a -> !tree.get(a)?.hasAts() }
                .collect { PciAddress a ->
            Finding.error(s, "${a} has no ATS capability (no Address Translation Service in lspci -vvv)", null, null)
        }
        if (s.enable && !host.facts.read(PrepFacts.MLXCONFIG)) {
            problems << Finding.error(s, 'ats enable: true needs mlxconfig (NVIDIA Firmware Tools, MFT), which this ' +
                    'host does not have', "${PrepCommands.MLXCONFIG_PROBE}: (nothing)",
                    'install MFT (mft package), or drop enable: true to only check ATS')
        }
        problems
    }

    private List<Finding> noAts(NoAtsStep s) {
        AtsRecord record = AtsRecords.read(host)
        List<PciAddress> mine = record.recorded(s.devices*.address)
        if (!mine || host.facts.read(PrepFacts.MLXCONFIG)) return []
        [Finding.error(s, KvmNoAts.noMlxconfig(mine), "${PrepCommands.MLXCONFIG_PROBE}: (nothing)",
                "install MFT (mft package), or run ${mine.collect { record.restore(it) }.join('; ')} elsewhere and " +
                        'reboot')]
    }
}
