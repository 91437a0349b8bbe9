package dev.passthru.spec.kvm.topology

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PciePortType
import dev.passthru.runtime.pcie.PcieTree

/**
 * An HGX H200-like host as issue 17 describes it, built directly as a PcieTree: 8 GPUs 10de:2335, each behind its own
 * PCIe switch (root port, upstream port, two downstream ports) with a ConnectX-7 15b3:1021 on the other downstream
 * port; GPUs 0-3 on NUMA node 0, 4-7 on node 1; the 4 NVSwitches 10de:22a3 behind one more switch on node 0; CPUs
 * 0-95 with node 0 even and node 1 odd, SMT siblings c and c+48. BAR sizes are the cards' (H200 BAR0 16 MiB, BAR1
 * 256 GiB, BAR3 32 MiB; ConnectX-7 BAR0 32 MiB; NVSwitch BAR0 32 MiB).
 */
final class HgxHost {
    private HgxHost() {}

    static final long MIB = 1024L * 1024L
    static final long GIB = 1024L * MIB
    /** The host bus of each GPU/NIC pair's root port: four on node 0, four on node 1. */
    static final List<Integer> ROOT_BUSES = [0x10, 0x20, 0x30, 0x40, 0x90, 0xa0, 0xb0, 0xc0].asImmutable()

    static PciAddress at(int bus, int slot = 0, int function = 0) { new PciAddress(0, bus, slot, function) }

    static int nodeOf(int pair) { pair < 4 ? 0 : 1 }

    /** The root port of pair {@code i} (0-7): bus 0x10.. on node 0, 0x90.. on node 1, device 01.0. */
    static PciAddress rootPort(int i) { at(ROOT_BUSES[i] - 1, 1) }

    static PciAddress upstream(int i) { at(ROOT_BUSES[i]) }

    static PciAddress gpuPort(int i) { at(ROOT_BUSES[i] + 1, 0) }

    static PciAddress nicPort(int i) { at(ROOT_BUSES[i] + 1, 1) }

    static PciAddress gpu(int i) { at(ROOT_BUSES[i] + 2) }

    static PciAddress nic(int i) { at(ROOT_BUSES[i] + 3) }

    static List<PciAddress> gpus() { (0..7).collect { gpu(it) } }

    static List<PciAddress> nics() { (0..7).collect { nic(it) } }

    /** NVSwitch {@code i} (0-3): 0000:04:00.0 to 0000:07:00.0, behind the switch at 02:00.0 below root port 01:01.0. */
    static PciAddress nvswitch(int i) { at(4 + i) }

    static List<PciAddress> nvswitches() { (0..3).collect { nvswitch(it) } }

    static PcieTree tree() {
        List<PcieFunction> fs = []
        (0..7).each { int i ->
            int n = nodeOf(i)
            fs << bridge(rootPort(i), null, PciePortType.ROOT_PORT, n)
            fs << bridge(upstream(i), rootPort(i), PciePortType.UPSTREAM_PORT, n)
            fs << bridge(gpuPort(i), upstream(i), PciePortType.DOWNSTREAM_PORT, n)
            fs << bridge(nicPort(i), upstream(i), PciePortType.DOWNSTREAM_PORT, n)
            fs << endpoint(gpu(i), gpuPort(i), n, [16 * MIB, 256 * GIB, 32 * MIB])
            fs << endpoint(nic(i), nicPort(i), n, [32 * MIB])
        }
        fs << bridge(at(0x01, 1), null, PciePortType.ROOT_PORT, 0)
        fs << bridge(at(0x02), at(0x01, 1), PciePortType.UPSTREAM_PORT, 0)
        (0..3).each { int i ->
            fs << bridge(at(0x03, i), at(0x02), PciePortType.DOWNSTREAM_PORT, 0)
            fs << endpoint(nvswitch(i), at(0x03, i), 0, [32 * MIB])
        }
        new PcieTree(fs)
    }

    /** lscpu -p=CPU,CORE,SOCKET,NODE of the host: node and socket c % 2, siblings c and c + 48. */
    static List<CpuRow> cpus() {
        (0..95).collect { int c -> new CpuRow(c, ((c % 48).intdiv(2) as int) + 24 * (c % 2), c % 2, c % 2) }
    }

    /** The endpoints as lspci -nnk lists them (H200: 3D controller, ConnectX-7: Infiniband, NVSwitch: Bridge). */
    static List<PciFunction> functions() {
        gpus().collect { new PciFunction(it, '0302', '3D controller', '10de', '2335', 'NVIDIA Corporation GH100 ' +
                '[H200 SXM 141GB]', 'vfio-pci', ['nvidiafb', 'nouveau']) } +
                nics().collect { new PciFunction(it, '0207', 'Infiniband controller', '15b3', '1021', 'Mellanox ' +
                        'Technologies MT2910 Family [ConnectX-7]', 'mlx5_core', ['mlx5_core']) } +
                nvswitches().collect { new PciFunction(it, '0680', 'Bridge', '10de', '22a3', 'NVIDIA Corporation ' +
                        'GH100 [H100 NVSwitch]', 'nvidia-nvswitch', []) }
    }

    private static PcieFunction bridge(PciAddress a, PciAddress parent, PciePortType type, int node) {
        new PcieFunction(a, parent, type, node, 0x5f, 0x1d, null, '32GT/s', 16, [])
    }

    private static PcieFunction endpoint(PciAddress a, PciAddress parent, int node, List<Long> bars) {
        new PcieFunction(a, parent, PciePortType.ENDPOINT, node, null, null, false, '32GT/s', 16, bars)
    }
}
