package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.kvm.Topology
import groovy.transform.CompileStatic

/** The mirrored guest as {@link LayoutBuilder} works it out from the host: pure values, no domain XML yet. */
@CompileStatic
final class GuestLayout {
    /** Parents before children: expander buses, then per bus its root ports, switch upstream and downstream ports. */
    final List<GuestController> controllers
    final List<HostdevPlacement> hostdevs
    final List<GuestCell> cells
    final Topology topology
    /** The passed devices' memory BARs together, in bytes. */
    final long barBytes
    /** The 64-bit MMIO window to ask for ({@code <pcihole64 unit='KiB'>}), or 0 when the devices have no BARs. */
    final long mmioKiB
    /** Host CPUs of the nodes used that no vCPU runs on (for the emulator and I/O threads), or the vCPUs' own. */
    final CpuSet housekeeping
    final int iothreads
    final boolean hugepages

    GuestLayout(List<GuestController> controllers, List<HostdevPlacement> hostdevs, List<GuestCell> cells,
            Topology topology, long barBytes, long mmioKiB, CpuSet housekeeping, int iothreads, boolean hugepages) {
        this.controllers = List.copyOf(controllers)
        this.hostdevs = List.copyOf(hostdevs)
        this.cells = List.copyOf(cells)
        this.topology = topology
        this.barBytes = barBytes
        this.mmioKiB = mmioKiB
        this.housekeeping = housekeeping
        this.iothreads = iothreads
        this.hugepages = hugepages
    }

    int vcpus() { (int) cells.sum(0) { GuestCell c -> c.hostCpus.size() } }

    long memoryKiB() { (long) cells.sum(0L) { GuestCell c -> c.memoryKiB } }

    /** The controller with this alias, or null. */
    GuestController controller(String alias) { controllers.find { it.alias == alias } }
}
