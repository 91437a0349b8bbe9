package dev.passthru.runtime.kvm.topology

import static dev.passthru.runtime.kvm.topology.GuestController.aliasOf

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.CpuPlacement
import dev.passthru.runtime.kvm.Topology
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * Pure: works out the mirrored guest from the host's PCIe tree and CPUs. Per host NUMA node a device sits on, one
 * guest cell and one expander bus (busNr downward from 254, each leaving a bus number for every port below it); per
 * host root port above a device a guest root port on that bus; per host switch a guest upstream port with one
 * downstream port per host downstream port used; each device on the port mirroring its own. vCPUs and memory are
 * split over the cells, each vCPU pinned to a host CPU of its cell's node, SMT siblings side by side.
 */
@CompileStatic
final class LayoutBuilder {
    /** The highest expander bus number libvirt takes (busNr is 1 to 254). */
    static final int TOP_BUS = 254

    private LayoutBuilder() {}

    /** The layout for {@code step} (its devices resolved); what cannot be mirrored fails the step. */
    static GuestLayout build(MirrorTopologyStep step, PcieTree tree, List<CpuRow> cpus) {
        List<PciAddress> devices = (step.devices*.address as List<PciAddress>).unique().sort()
        Map<PciAddress, Ports> placed = [:]
        devices.each { PciAddress a -> placed[a] = ports(tree, a, step.vm) }
        List<Integer> nodes = placed.values()*.node.unique().sort()
        List<GuestController> controllers = []
        int top = TOP_BUS + 1
        nodes.eachWithIndex { Integer node, int cell ->
            List<Ports> mine = placed.values().findAll { it.node == node }.toList()
            List<PciAddress> roots = mine*.root.unique().sort()
            List<GuestController> below = []
            String pxb = GuestController.expanderAlias(node)
            roots.eachWithIndex { PciAddress root, int slot ->
                String rp = aliasOf(ControllerKind.ROOT_PORT, root)
                below << new GuestController(ControllerKind.ROOT_PORT, rp, pxb, slot, root, node, null, null)
                List<PciAddress> ups = mine.findAll { it.root == root && it.upstream != null }*.upstream
                ups.unique().sort().each { PciAddress up ->
                    String upAlias = aliasOf(ControllerKind.UPSTREAM, up)
                    below << new GuestController(ControllerKind.UPSTREAM, upAlias, rp, 0, up, node, null, null)
                    List<PciAddress> downs = mine.findAll { it.upstream == up }*.downstream
                    downs.unique().sort().eachWithIndex { PciAddress dp, int s ->
                        below << new GuestController(ControllerKind.DOWNSTREAM, aliasOf(ControllerKind.DOWNSTREAM, dp),
                                upAlias, s, dp, node, null, null)
                    }
                }
            }
            int busNr = top - 1 - below.size()
            if (busNr < 1) {
                throw new StepFailedException("VM '${step.vm}': the mirrored ports need more than the ${TOP_BUS} " +
                        'bus numbers a guest has; pass fewer devices')
            }
            top = busNr
            controllers << new GuestController(ControllerKind.EXPANDER, pxb, null, null, null, node, cell, busNr)
            controllers.addAll(below)
        }
        List<HostdevPlacement> hostdevs = devices.collect { PciAddress a -> placement(a, placed[a], devices) }
        checkFunctions(hostdevs, step.vm)
        List<GuestCell> cells = cells(step, nodes, cpus)
        long bars = (long) devices.sum(0L) { PciAddress a -> tree.get(a).totalBarBytes() }
        Set<Integer> used = cells.collectMany { it.hostCpus }.toSet()
        List<Integer> spare = cpus.findAll { it.node in nodes && !used.contains(it.cpu) }*.cpu
        new GuestLayout(controllers, hostdevs, cells, topology(cells, cpus), bars, MmioWindow.kib(bars),
                CpuSet.of(spare ?: used), step.iothreads, step.hugepages)
    }

    /** Where a device sits on the host: its node, the root port above it, and the switch ports nearest it. */
    private static Ports ports(PcieTree tree, PciAddress a, String vm) {
        PcieFunction f = tree.get(a)
        if (f == null) throw new StepFailedException("${a} is not in the host's PCIe tree (lspci -vvv, sysfs)")
        if (f.numaNode < 0) {
            throw new StepFailedException("${a} is on no NUMA node (/sys/bus/pci/devices/${a}/numa_node: -1): " +
                    "mirrorTopology cannot place it in a guest cell of VM '${vm}'; attach it with attach instead")
        }
        List<PcieFunction> path = tree.path(a)
        PciAddress root = path ? path.first().address : new PciAddress(a.domain, a.bus, a.slot, 0)
        PcieFunction up = tree.switchUpstream(a)
        PcieFunction down = tree.switchDownstream(a)
        boolean switched = up != null && down != null && up.address != root
        new Ports(f.numaNode, root, switched ? up.address : null, switched ? down.address : null)
    }

    private static HostdevPlacement placement(PciAddress a, Ports p, List<PciAddress> devices) {
        boolean siblings = devices.any {
            it != a && it.domain == a.domain && it.bus == a.bus && it.slot == a.slot
        }
        p.downstream != null
                ? new HostdevPlacement(a, aliasOf(ControllerKind.DOWNSTREAM, p.downstream),
                        "switch port ${p.downstream}".toString(), siblings && a.function == 0)
                : new HostdevPlacement(a, aliasOf(ControllerKind.ROOT_PORT, p.root), "root port ${p.root}".toString(),
                        siblings && a.function == 0)
    }

    private static void checkFunctions(List<HostdevPlacement> hostdevs, String vm) {
        hostdevs.groupBy { HostdevPlacement h -> [h.port, h.host.function] }.each { k, List<HostdevPlacement> same ->
            if (same.size() > 1) {
                throw new StepFailedException("VM '${vm}': ${same*.host.join(' and ')} sit below one host port as " +
                        'different devices with the same function number; a guest port has one device (slot 0)')
            }
        }
    }

    private static List<GuestCell> cells(MirrorTopologyStep step, List<Integer> nodes, List<CpuRow> cpus) {
        int k = nodes.size()
        List<GuestCell> cells = []
        int first = 0
        nodes.eachWithIndex { Integer node, int i ->
            int count = step.vcpus.intdiv(k) + (i < step.vcpus % k ? 1 : 0)
            List<CpuRow> pool = cpus.findAll { it.node == node }
            if (count > pool.size()) {
                throw new StepFailedException("VM '${step.vm}' gets ${count} vCPUs on host node ${node}, which has " +
                        "${pool.size()} CPUs; give mirrorTopology at most ${pool.size() * k} vCPUs")
            }
            CpuSet picked = CpuPlacement.pick(cpus, CpuSet.of(pool*.cpu), count, step.vm)
            long memory = step.memoryKiB.intdiv(k) + (i == 0 ? step.memoryKiB % k : 0)
            cells << new GuestCell(i, node, first, siblingOrder(pool, picked), memory)
            first += count
        }
        cells
    }

    /** The picked CPUs core by core (CPU 0's core last, as picked), siblings of one core side by side. */
    private static List<Integer> siblingOrder(List<CpuRow> pool, CpuSet picked) {
        Map<List<Integer>, List<Integer>> cores = new LinkedHashMap<>()
        List<CpuRow> mine = pool.findAll { picked.contains(it.cpu) }
        mine.sort(false) { CpuRow r -> [r.socket, r.core, r.cpu] }.each { CpuRow r ->
            cores.computeIfAbsent([r.socket, r.core], { k -> [] as List<Integer> }) << r.cpu
        }
        (cores.values().sort(false) { List<Integer> c -> c.contains(0) ? 1 : 0 }.flatten() as List<Integer>)
    }

    /**
     * One socket per cell when the cells are alike and made of whole cores (threads = siblings per core), so the guest
     * sees the host's SMT pairs; else one socket of single-thread cores.
     */
    private static Topology topology(List<GuestCell> cells, List<CpuRow> cpus) {
        Map<List<Integer>, List<Integer>> coreOf = [:]
        cpus.each { CpuRow r -> coreOf.computeIfAbsent([r.socket, r.core], { k -> [] as List<Integer> }) << r.cpu }
        Map<Integer, List<Integer>> siblings = [:]
        coreOf.values().each { List<Integer> core -> core.each { siblings[it] = core } }
        Set<Integer> threads = cells.collectMany { GuestCell c -> c.hostCpus.collect { siblings[it].size() } }.toSet()
        boolean whole = threads.size() == 1 && cells.every { GuestCell c ->
            c.hostCpus.every { c.hostCpus.containsAll(siblings[it]) }
        }
        int vcpus = (int) cells.sum(0) { GuestCell c -> c.hostCpus.size() }
        boolean alike = cells*.hostCpus*.size().unique().size() == 1
        int t = whole ? threads.first() : 1
        alike && cells[0].hostCpus.size() % t == 0 ? new Topology(cells.size(), cells[0].hostCpus.size().intdiv(t) as
                Integer, t) : new Topology(1, vcpus, 1)
    }

    /** A device's node, the host root port above it and, behind a switch, the switch's upstream and downstream port. */
    private static final class Ports {
        final int node
        final PciAddress root
        final PciAddress upstream
        final PciAddress downstream

        Ports(int node, PciAddress root, PciAddress upstream, PciAddress downstream) {
            this.node = node
            this.root = root
            this.upstream = upstream
            this.downstream = downstream
        }
    }
}
