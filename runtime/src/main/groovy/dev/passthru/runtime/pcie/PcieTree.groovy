package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * The host's PCIe hierarchy: every function with its parent bridge, so that the path from a device up to its root
 * port, the switch it sits behind and the device nearest another can be asked for. Pure: built from facts.
 */
@CompileStatic
final class PcieTree {
    private final Map<PciAddress, PcieFunction> byAddress = new TreeMap<>()

    PcieTree(Collection<PcieFunction> functions) {
        functions.each { byAddress[it.address] = it }
    }

    /** Every function, in address order. */
    List<PcieFunction> functions() { byAddress.values().toList() }

    /** The function at {@code a}, or null when the host has none there. */
    PcieFunction get(PciAddress a) { byAddress[a] }

    /**
     * The bridges above {@code a}, from the top (a root port, or the first bridge on a root bus) down to its parent;
     * empty for a function on a root bus. A parent the tree does not list ends the path.
     */
    List<PcieFunction> path(PciAddress a) {
        List<PcieFunction> up = []
        PciAddress p = byAddress[a]?.parent
        Set<PciAddress> seen = [] as Set
        while (p != null && byAddress.containsKey(p) && seen.add(p)) {
            up << byAddress[p]
            p = byAddress[p].parent
        }
        up.reverse()
    }

    /** The root port above {@code a} (the top of its path when that is a root port), or null. */
    PcieFunction rootPort(PciAddress a) {
        List<PcieFunction> p = path(a)
        p && p.first().type == PciePortType.ROOT_PORT ? p.first() : null
    }

    /** The upstream port of the switch nearest above {@code a}, or null when it sits behind no switch. */
    PcieFunction switchUpstream(PciAddress a) {
        path(a).reverse().find { it.type == PciePortType.UPSTREAM_PORT }
    }

    /** The switch downstream port directly above {@code a}, or null. */
    PcieFunction switchDownstream(PciAddress a) {
        PcieFunction parent = path(a) ? path(a).last() : null
        parent?.type == PciePortType.DOWNSTREAM_PORT ? parent : null
    }

    /**
     * Of {@code candidates}, the one nearest {@code device}: behind the same switch, else below the same root port
     * (the longest shared path wins, then the lowest address), else on the same NUMA node (lowest address); null
     * when none is on the device's node.
     */
    PciAddress nearest(PciAddress device, Collection<PciAddress> candidates) {
        List<PcieFunction> mine = path(device)
        List<PciAddress> sorted = candidates.findAll { it != device }.sort()
        int best = 0
        PciAddress pick = null
        sorted.each { PciAddress c ->
            List<PcieFunction> theirs = path(c)
            int shared = 0
            while (shared < mine.size() && shared < theirs.size() && mine[shared].address == theirs[shared].address) {
                shared++
            }
            if (shared > best) { best = shared; pick = c }
        }
        if (pick != null) return pick
        PcieFunction me = byAddress[device]
        int node = me == null ? -1 : me.numaNode
        node < 0 ? null : sorted.find { byAddress[it]?.numaNode == node }
    }
}
