package dev.passthru.spec.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pci.PciSysfs
import spock.lang.Specification

/**
 * Intel VMD/VROC: the kernel numbers the domains behind a VMD controller from 0x10000
 * (drivers/pci/controller/vmd.c, vmd_find_free_domain), and lspci prints the domain with "%04x"
 * (pciutils lspci.c, show_slot_name), so such functions have five-digit domains. They are read like
 * any other function, and a recipe that names one is refused with one line.
 */
class VmdDomainSpec extends Specification {

    /**
     * {@code lspci -nnk -D} of a Tiger Lake laptop with VMD on (the RST "RAID" setting): the VMD controller
     * 8086:9a0b in domain 0000 and, behind it, domain 10000 with the SATA controller, a root port and an
     * NVMe drive. Names and ids as pci.ids has them; the layout is lspci's -k format (Subsystem, driver, modules).
     */
    static final String TIGER_LAKE_VMD = '''\
0000:00:0e.0 RAID bus controller [0104]: Intel Corporation Volume Management Device NVMe RAID Controller [8086:9a0b]
\tSubsystem: Dell Device [1028:0a20]
\tKernel driver in use: vmd
\tKernel modules: vmd
0000:00:1f.0 ISA bridge [0601]: Intel Corporation Tiger Lake-LP LPC Controller [8086:a082] (rev 20)
\tSubsystem: Dell Device [1028:0a20]
10000:e0:17.0 SATA controller [0106]: Intel Corporation Tiger Lake-LP SATA Controller [8086:a0d3] (rev 20)
\tSubsystem: Dell Device [1028:0a20]
\tKernel driver in use: ahci
\tKernel modules: ahci
10000:e0:1d.0 PCI bridge [0604]: Intel Corporation Tiger Lake-LP PCI Express Root Port #9 [8086:a0b0] (rev 20)
\tKernel driver in use: pcieport
10000:e1:00.0 Non-Volatile memory controller [0108]: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 [144d:a808]
\tSubsystem: Samsung Electronics Co Ltd SSD 970 EVO/PRO [144d:a801]
\tKernel driver in use: nvme
\tKernel modules: nvme
'''

    def "lspci -nnk -D reads #address (#ids, driver #driver) on a host with VMD; behind VMD: #behind"() {
        when:
        PciFunction f = Lspci.parse(TIGER_LAKE_VMD).find { it.address.toString() == address }

        then:
        f.ids() == ids
        f.driver == driver
        f.address.behindVmd == behind
        f.slot() == slot

        where:
        address         || ids         | driver     | behind | slot
        '0000:00:0e.0'  || '8086:9a0b' | 'vmd'      | false  | '0000:00:0e'
        '0000:00:1f.0'  || '8086:a082' | null       | false  | '0000:00:1f'
        '10000:e0:17.0' || '8086:a0d3' | 'ahci'     | true   | '10000:e0:17'
        '10000:e0:1d.0' || '8086:a0b0' | 'pcieport' | true   | '10000:e0:1d'
        '10000:e1:00.0' || '144d:a808' | 'nvme'     | true   | '10000:e1:00'
    }

    def "the whole listing is read, in lspci's order (domain, then bus, slot, function)"() {
        expect:
        Lspci.parse(TIGER_LAKE_VMD)*.address*.toString() ==
                ['0000:00:0e.0', '0000:00:1f.0', '10000:e0:17.0', '10000:e0:1d.0', '10000:e1:00.0']
        Lspci.parse(TIGER_LAKE_VMD)*.address.sort()*.toString() == Lspci.parse(TIGER_LAKE_VMD)*.address*.toString()
    }

    def "sysfs listings name VMD functions as the kernel does (\"%04x:%02x:%02x.%d\", drivers/pci/probe.c): #what"() {
        expect:
        read(text).collectEntries { k, v -> [(k.toString()): v.toString()] } == expected

        where:
        what        | text                                                                   || expected
        'numa_node' | '/sys/bus/pci/devices/10000:e1:00.0/numa_node:-1\n' || ['10000:e1:00.0': '-1']
        'group'     | '/sys/kernel/iommu_groups/11/devices/10000:e1:00.0\n' || ['10000:e1:00.0': '11']
        'physfn'    | '10000:e1:00.2 ../10000:e1:00.0\n' || ['10000:e1:00.2': '10000:e1:00.0']
        read = [numa_node: { String t -> PciSysfs.numaNodes(t) }, group: { String t -> PciSysfs.iommuGroups(t) },
                physfn   : { String t -> PciSysfs.physfns(t) }][what]
    }

    def "a recipe naming a function behind VMD stops at its line with one line saying why"() {
        when:
        new RecipeLoader().load("recipe('r') { flavour 'kvm'\n    hide '10000:e1:00.0'\n}", 'vmd.groovy')

        then:
        RecipeException e = thrown()
        e.userMessage() == "vmd.groovy:2: pci '10000:e1:00.0': 10000:e1:00.0 is in PCI domain 10000 (above ffff): " +
                'it sits behind an Intel VMD controller and cannot be passed through on its own; pass through the ' +
                'VMD controller (class 0104, driver vmd) as a whole, or turn VMD off in the firmware'
    }

    def "an ordinary domain has no refusal"() {
        expect:
        PciAddress.parse('ffff:ff:1f.7').vmdRefusal() == null
        PciAddress.parse('10000:00:00.0').vmdRefusal()
    }

    /** The KVM demo host with VMD on: domain 10000 holds the Tiger Lake SATA controller behind the VMD controller. */
    static DemoKvmHost vmdHost() {
        DemoKvmState s = DemoKvmState.standard()
        s.pci << new DemoKvmState.Pci('0000:00:0e.0', 'RAID bus controller [0104]: Intel Corporation ' +
                'Volume Management Device NVMe RAID Controller [8086:9a0b]', 'Dell Device [1028:0a20]', '8086:9a0b',
                'vmd', ['vmd'], 10)
        s.pci << new DemoKvmState.Pci('10000:e0:17.0', 'SATA controller [0106]: Intel Corporation Tiger Lake-LP SATA ' +
                'Controller [8086:a0d3] (rev 20)', 'Dell Device [1028:0a20]', '8086:a0d3', 'ahci', ['ahci'], 10)
        s.boot()
        new DemoKvmHost(s)
    }

    static Detection flavour(DemoKvmHost host) {
        new FlavourDetection(new Facts(host), null, { long ms -> } as Rebooter.Pause).detect(null)
    }

    def "passthru facts reads the whole inventory of a host with VMD, the function behind it included"() {
        given:
        Detection f = flavour(vmdHost())
        assert f.decided

        when:
        List<Map> pci = (List<Map>) f.facts().pci

        then:
        pci.size() == DemoKvmState.standard().pci.size() + 2  // every function, not none
        pci.find { it.address == '10000:e0:17.0' }.subMap('ids', 'driver', 'classId') ==
                [ids: '8086:a0d3', driver: 'ahci', classId: '0106']
        pci.find { it.address == '0000:06:00.0' }.ids == '10de:1c81'
    }

    def "a selector that picks a function behind VMD is an error finding at its line, saying why"() {
        when:
        Preflight p = flavour(vmdHost()).preflight(new RecipeLoader().load("""recipe('r') { flavour 'kvm'
    kernel { iommu() }
    hide pci(vendor: '8086', device: 'a0d3')
}""", 'r.groovy'))

        then:
        p.findings*.severity*.name() == ['ERROR']
        p.findings[0].location.line == 3
        p.findings[0].message == "pci(vendor: '8086', device: 'a0d3') picks 10000:e0:17.0 is in PCI domain 10000 " +
                '(above ffff): it sits behind an Intel VMD controller and cannot be passed through on its own; pass ' +
                'through the VMD controller (class 0104, driver vmd) as a whole, or turn VMD off in the firmware'
    }
}
