package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Finding
import dev.passthru.dsl.Recipe
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * What preflight checks of a mirrorTopology step (its devices resolved), before any change: the domain is q35, every
 * device sits on a NUMA node, each node used has CPUs for its share of the vCPUs, and the NVLink fabric is not split.
 */
@CompileStatic
final class MirrorPreflight {
    private MirrorPreflight() {}

    /** The findings for every mirrorTopology step of a resolved recipe; reads the PCIe tree only when there is one. */
    static List<Finding> run(Recipe recipe, KvmHost host, List<PciFunction> functions) {
        List<MirrorTopologyStep> steps = recipe.steps.findAll { it instanceof MirrorTopologyStep } as
                List<MirrorTopologyStep>
        if (steps.isEmpty()) return []
        PcieTree tree = host.pcieTree()
        List<String> domains = host.domains()
        steps.collectMany { MirrorTopologyStep s ->
            check(s, domains.contains(s.vm) ? host.domainXml(s.vm) : null, tree, host.cpus(), functions)
        }
    }

    /** The findings for one step; {@code domainXml} null when the VM does not exist (reported elsewhere). */
    static List<Finding> check(MirrorTopologyStep step, String domainXml, PcieTree tree, List<CpuRow> cpus,
            List<PciFunction> host) {
        List<Finding> problems = []
        String machine = domainXml == null ? null : TopologyXml.refusal(domainXml, step.vm)
        if (machine) {
            problems << Finding.error(step, machine, "${KvmCommands.dumpxml(step.vm)}: <type machine=" +
                    "'${TopologyXml.machine(domainXml)}'>", 'virt-install --machine q35 (or virt-manager: Chipset ' +
                    'Q35) for a new VM')
        }
        List<PciAddress> devices = step.devices*.address
        Map<Integer, Integer> perNode = new TreeMap<>()
        devices.each { PciAddress a ->
            PcieFunction f = tree.get(a)
            if (f == null) {
                problems << new Finding(step, "${a} is not in the host's PCIe tree (lspci -vvv, sysfs)")
            } else if (f.numaNode < 0) {
                problems << Finding.error(step, "${a} is on no NUMA node, so mirrorTopology cannot place it in a " +
                        'guest cell', "cat /sys/bus/pci/devices/${a}/numa_node: -1", 'pass it with attach instead, ' +
                        'or enable NUMA (SRAT) reporting in the firmware')
            } else {
                perNode[f.numaNode] = 0
            }
        }
        int k = perNode.size()
        perNode.keySet().eachWithIndex { Integer node, int i ->
            int share = step.vcpus.intdiv(k) + (i < step.vcpus % k ? 1 : 0)
            int has = cpus.findAll { it.node == node }.size()
            if (share > has) {
                problems << Finding.error(step, "VM '${step.vm}' would get ${share} vCPUs on host node ${node}, " +
                        "which has ${has} CPUs", "${KvmCommands.lscpu()}: ${has} CPUs on node ${node}",
                        "give mirrorTopology at most ${has * k} vCPUs (split over ${k} node${k > 1 ? 's' : ''})")
            }
        }
        String fabric = NvlinkFabric.mix(host, devices)
        if (fabric) {
            String at = host.findAll { NvlinkFabric.nvswitch(it) }*.address.join(', ')
            problems << Finding.error(step, fabric, "lspci -nn: Bridge [0680] NVIDIA NVSwitches at ${at}",
                    "pass every NVSwitch and GPU (pci(vendor: '10de', class: '0680', count: 'all'), gpus()), or no " +
                            'NVSwitch')
        }
        problems
    }
}
