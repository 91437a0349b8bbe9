package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Selector
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * Resolves a {@link Selector.Nearest} ({@code nearestNic(gpus())}): for each base device, the candidate the PCIe tree
 * puts nearest it ({@link PcieTree#nearest}: same switch, else same root port, else same NUMA node). A base with no
 * candidate near it is an error naming the device and listing the candidates the host has, by node.
 */
@CompileStatic
final class NearestResolution {
    private final HostDevices host
    private final Selector.Nearest selector
    /** Why the selector cannot be resolved, or null. */
    String error

    NearestResolution(HostDevices host, Selector.Nearest selector) {
        this.host = host
        this.selector = selector
    }

    /** One candidate per base, in the bases' order; null (and {@link #error} set) when a base has none. */
    List<PciAddress> pick(List<PciAddress> bases) {
        List<PciFunction> candidates = host.functions().findAll { PciFunction f ->
            DeviceResolver.matches(selector.candidates, f) && !(f.address in bases)
        }
        String kind = selector.candidates.deviceClass ?: 'device'
        if (candidates.isEmpty()) {
            error = "${selector.describe()}: the host has no ${kind} (lspci -nnk -D lists none of class " +
                    "${selector.candidates.classPrefixes()?.join('/')})"
            return null
        }
        PcieTree tree = host.pcieTree()
        List<PciAddress> out = []
        List<PciAddress> lonely = []
        bases.each { PciAddress a ->
            PciAddress n = tree.nearest(a, candidates*.address)
            if (n == null) lonely << a else out << n
        }
        if (lonely) {
            error = "${selector.describe()}: ${lonely.collect { "${it} (node ${host.numaNode(it)})" }.join(', ')} " +
                    "${lonely.size() == 1 ? 'has' : 'have'} no ${kind} behind ${lonely.size() == 1 ? 'its' : 'their'} " +
                    "switch, below ${lonely.size() == 1 ? 'its' : 'their'} root port or on ${lonely.size() == 1 ?
                    'its' : 'their'} NUMA node; the host's ${kind}s: ${byNode(candidates)}"
            return null
        }
        out
    }

    private String byNode(List<PciFunction> fns) {
        Map<Integer, List<PciFunction>> nodes = fns.groupBy { PciFunction f -> host.numaNode(f.address) }
        nodes.keySet().sort().collect { Integer k ->
            "${k < 0 ? 'no node' : 'node ' + k}: ${nodes[k].take(8)*.address.join(', ')}"
        }.join('; ')
    }
}
