package dev.passthru.spec.kvm.topology

import static dev.passthru.spec.kvm.topology.HgxHost.GIB
import static dev.passthru.spec.kvm.topology.HgxHost.MIB
import static dev.passthru.spec.kvm.topology.HgxHost.gpu
import static dev.passthru.spec.kvm.topology.HgxHost.gpus
import static dev.passthru.spec.kvm.topology.HgxHost.nic
import static dev.passthru.spec.kvm.topology.HgxHost.nics
import static dev.passthru.spec.kvm.topology.HgxHost.nvswitches

import dev.passthru.dsl.Device
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.SourceLocation
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.topology.GuestLayout
import dev.passthru.runtime.kvm.topology.LayoutBuilder
import dev.passthru.runtime.kvm.topology.MirroredDomain
import dev.passthru.runtime.kvm.topology.MmioWindow
import dev.passthru.runtime.kvm.topology.TopologyXml
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import spock.lang.Shared
import spock.lang.Specification

/**
 * The mirrored layout passthru works out for an HGX-like host (HgxHost) and writes into the demo's q35 domain
 * hgx-guest.xml: the structure of the reference layout in NVIDIA's HGX virtualization appendix (an expander bus per
 * NUMA node, switch ports per GPU/NIC pair, 88 pinned vCPUs in two cells), bus numbers, CPU split, MMIO window,
 * idempotence and what it refuses. MirrorLibvirtSpec has libvirt judge the same XML.
 */
class MirrorLayoutSpec extends Specification {
    static final String GUEST = MirrorLayoutSpec.getResourceAsStream('/dev/passthru/runtime/demo/hgx-guest.xml')
            .getText('UTF-8')
    static final long KIB_1600G = 1600L * 1024 * 1024
    @Shared PcieTree tree = HgxHost.tree()

    static MirrorTopologyStep step(List<PciAddress> devices, int vcpus = 8, long memoryKiB = KIB_1600G,
            boolean hugepages = true, int iothreads = 0) {
        SourceLocation at = new SourceLocation('hgx.passthru', 4)
        new MirrorTopologyStep('hgx-guest', devices.collect { new Device(it, at) }, vcpus, memoryKiB, hugepages,
                iothreads, at)
    }

    static MirroredDomain mirror(String xml, MirrorTopologyStep s, PcieTree t = HgxHost.tree()) {
        TopologyXml.apply(xml, LayoutBuilder.build(s, t, HgxHost.cpus()), 'hgx-guest')
    }

    def "the HGX reference layout: 2 expander buses (nodes 0 and 1), a switch per GPU/NIC pair, 88 vCPUs in 2 cells"() {
        when:
        MirroredDomain m = mirror(GUEST, step(gpus() + nics() + nvswitches(), 88, KIB_1600G, true, 2))
        GuestXml g = new GuestXml(m.xml)

        then: 'one expander bus per host node, each naming its guest cell, bus numbers leaving room below'
        g.expanders() == [[232, 0], [215, 1]]

        and: 'each GPU and its NIC on two downstream ports of one upstream port, below a root port on its node'
        (0..7).every { int i ->
            List<String> models = ['pcie-switch-downstream-port', 'pcie-switch-upstream-port', 'pcie-root-port',
                                   'pcie-expander-bus']
            def gpuUp = g.chainOf(gpu(i))
            def nicUp = g.chainOf(nic(i))
            g.chain(gpu(i)) == models && g.chain(nic(i)) == models &&
                    gpuUp[0].@index != nicUp[0].@index && gpuUp[1].@index == nicUp[1].@index &&
                    (gpuUp[3].target.node.text() as int) == HgxHost.nodeOf(i)
        }
        (0..7).collect { g.chainOf(gpu(it))[1].@index as String }.unique().size() == 8

        and: 'the NVSwitches behind one guest switch on node 0'
        nvswitches().collect { g.chainOf(it)[1].@index as String }.unique().size() == 1
        nvswitches().every { g.chainOf(it)[3].target.node.text() == '0' }

        and: 'chassis unique over every controller'
        List<String> chassis = g.domain.devices.controller.collect { it.target.@chassis as String }.findAll { it }
        chassis.size() == chassis.unique(false).size()

        and: '88 vCPUs in two cells of 800G, pinned 1:1 to their node, SMT siblings side by side'
        g.cells() == [[0, '0-43', 800L * 1024 * 1024], [1, '44-87', 800L * 1024 * 1024]]
        g.pins().size() == 88
        g.pins().every { Integer v, Integer cpu -> cpu % 2 == (v < 44 ? 0 : 1) }
        (0..43).every { int pair -> g.pins()[2 * pair + 1] == g.pins()[2 * pair] + 48 }
        g.pins().values().toSet().size() == 88
        g.domain.vcpu.text() == '88'
        g.domain.cpu.topology.@sockets == '2' && g.domain.cpu.topology.@cores == '22' &&
                g.domain.cpu.topology.@threads == '2'

        and: 'memory strict per cell, hugepages allocated at start, I/O threads pinned to the CPUs left over'
        g.memnodes() == [['0', 'strict', '0'], ['1', 'strict', '1']]
        g.domain.numatune.memory.@nodeset == '0-1'
        g.domain.memoryBacking.hugepages.size() == 1
        g.domain.memoryBacking.allocation.@mode == 'immediate'
        g.domain.cputune.iothreadpin.collect { it.@cpuset as String } == ['0,45-48,93-95', '0,45-48,93-95']
        g.domain.cputune.emulatorpin.@cpuset == '0,45-48,93-95'

        and: 'the 64-bit window: 8 x (256 GiB + 48 MiB) + 8 x 32 MiB + 4 x 32 MiB of BARs, rounded up to 4 TiB'
        g.controllers('pcie-root')[0].pcihole64.text() == '4294967296'
        g.controllers('pcie-root')[0].pcihole64.@unit == 'KiB'

        and: 'the plan says what it adds, in readable lines'
        m.diff.contains('+ pcie-expander-bus node 0 busNr 232 (controller 5)')
        m.diff.contains('+ hostdev 0000:12:00.0 on switch port 0000:11:00.0 (controller 14)')
        m.diff.find { it.startsWith('+ pcie-root pcihole64 4294967296 KiB (4 TiB)') }
                .contains('BARs total 2.0 TiB')
    }

    def "#what: expander buses #buses, #ports ports in all"() {
        when:
        GuestLayout l = LayoutBuilder.build(step(devices, 8, 16L * 1024 * 1024, false), tree, HgxHost.cpus())

        then:
        l.controllers.findAll { it.busNr != null }.collect { [it.busNr, it.cell, it.hostNode] } == buses
        l.controllers.count { it.busNr == null } == ports

        where:
        what                      | devices                                  || buses                              | ports
        'GPUs only'               | gpus()                                   || [[242, 0, 0], [229, 1, 1]]         | 24
        'GPUs and NICs'           | gpus() + nics()                          || [[238, 0, 0], [221, 1, 1]]         | 32
        'GPUs, NICs, NVSwitches'  | gpus() + nics() + nvswitches()           || [[232, 0, 0], [215, 1, 1]]         | 38
        'one GPU'                 | [gpu(0)]                                 || [[251, 0, 0]]                      | 3
        'a pair on node 1 only'   | [gpu(5), nic(5)]                         || [[250, 0, 1]]                      | 4
    }

    def "#vcpus vCPUs over two nodes: cells #cells, topology #topology"() {
        when:
        GuestLayout l = LayoutBuilder.build(step(gpus(), vcpus, 8L * 1024 * 1024), tree, HgxHost.cpus())

        then:
        l.cells*.vcpus() == cells
        l.cells*.memoryKiB == [4L * 1024 * 1024, 4L * 1024 * 1024]
        l.topology.toString() == topology

        where:
        vcpus || cells              | topology
        88    || ['0-43', '44-87']  | '2 socket x 22 cores x 2 threads'
        4     || ['0-1', '2-3']     | '2 socket x 1 cores x 2 threads'
        87    || ['0-43', '44-86']  | '1 socket x 87 cores x 1 threads'
        2     || ['0', '1']         | '2 socket x 1 cores x 1 threads'
    }

    def "the MMIO window of #bars bytes of BARs is #kib KiB"() {
        expect:
        MmioWindow.kib(bars) == kib

        where:
        bars                          || kib
        0                             || 0
        16 * MIB                      || 16 * 1024
        16 * MIB + 1                  || 32 * 1024
        256 * GIB + 48 * MIB          || 512L * 1024 * 1024
        8 * (256 * GIB + 48 * MIB)    || 4096L * 1024 * 1024
    }

    def "a second plan on the result changes nothing, and a hand edit elsewhere is kept"() {
        given:
        MirrorTopologyStep s = step(gpus() + nics(), 88, KIB_1600G, true, 1)
        String once = mirror(GUEST, s).xml
        String edited = once.replace('<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>')

        when:
        MirroredDomain again = mirror(edited, s)

        then:
        again.diff == []
        again.xml == edited
        mirror(once, s).diff == []
    }

    def "a device already attached by attach is moved onto its mirrored port, not added twice"() {
        given: 'gpu 0 attached the plain way, on one of the demo domain root ports'
        String attached = GUEST.replace('  </devices>', DomainXml.hostdev(gpu(0)).readLines()
                .collect { "    ${it}" }.join('\n').replace('</source>', "</source>\n      <address type='pci' " +
                "domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>") + '\n  </devices>')

        when:
        MirroredDomain m = mirror(attached, step([gpu(0), nic(0)]))
        GuestXml g = new GuestXml(m.xml)

        then:
        g.hostdevs(gpu(0)).size() == 1
        g.chain(gpu(0))[0] == 'pcie-switch-downstream-port'
        m.diff.contains('~ hostdev 0000:12:00.0 moved to switch port 0000:11:00.0 (controller 8), from bus 3 slot 0')
        !m.diff.any { it.startsWith('+ hostdev 0000:12:00.0') }
    }

    def "fewer devices on a later plan: the ports of the devices dropped go, the others keep their numbers"() {
        given:
        String both = mirror(GUEST, step([gpu(0), nic(0), gpu(4), nic(4)])).xml
        GuestXml before = new GuestXml(both)

        when:
        MirroredDomain m = mirror(both, step([gpu(0), nic(0)]))
        GuestXml after = new GuestXml(m.xml)

        then:
        m.diff.count { it.startsWith('- pcie-') } == 5
        after.expanders() == [[250, 0]]
        after.chainOf(gpu(0))*.@index*.toString() == before.chainOf(gpu(0))*.@index*.toString()
        after.cells().size() == 1
    }

    def "a #machine domain is refused: mirrorTopology needs q35"() {
        when:
        mirror(GUEST.replace("machine='pc-q35-7.2'", "machine='${machine}'"), step(gpus()))

        then:
        StepFailedException e = thrown()
        e.message == "VM 'hgx-guest' is a ${machine} machine: mirrorTopology needs q35, the only machine with PCI " +
                'Express (pcie-expander-bus, root and switch ports); change <type machine=...> to q35 (the guest ' +
                'sees new hardware) or create the VM as q35'

        where:
        machine << ['pc-i440fx-7.2', 'pc']
    }

    def "#what fails the step with a clear reason"() {
        when:
        LayoutBuilder.build(s, t, HgxHost.cpus())

        then:
        StepFailedException e = thrown()
        e.message == message

        where:
        what              | s                  | t                 || message
        'too many vCPUs'  | step(gpus(), 98)   | HgxHost.tree()    || "VM 'hgx-guest' gets 49 vCPUs on host node 0, which has 48 CPUs; give mirrorTopology at most 96 vCPUs"
        'a device on no NUMA node' | step([gpu(1)]) | noNode(gpu(1)) || "0000:22:00.0 is on no NUMA node (/sys/bus/pci/devices/0000:22:00.0/numa_node: -1): mirrorTopology cannot place it in a guest cell of VM 'hgx-guest'; attach it with attach instead"
    }

    static PcieTree noNode(PciAddress a) {
        new PcieTree(HgxHost.tree().functions().collect { PcieFunction f ->
            f.address != a ? f : new PcieFunction(f.address, f.parent, f.type, -1, f.acsCap, f.acsCtl, f.atsEnabled,
                    f.linkSpeed, f.linkWidth, f.barBytes)
        })
    }
}
