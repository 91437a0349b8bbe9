package dev.passthru.spec.kvm.topology

import static dev.passthru.spec.kvm.topology.HgxHost.gpu
import static dev.passthru.spec.kvm.topology.HgxHost.gpus
import static dev.passthru.spec.kvm.topology.HgxHost.nic
import static dev.passthru.spec.kvm.topology.HgxHost.nics
import static dev.passthru.spec.kvm.topology.HgxHost.nvswitches

import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.topology.GuestLayout
import dev.passthru.runtime.kvm.topology.LayoutBuilder
import dev.passthru.runtime.kvm.topology.TopologyXml
import dev.passthru.spec.kvm.Libvirt


import spock.lang.Specification

/**
 * libvirt judges what mirrorTopology writes: virt-xml-validate (its schema) and the machine's real libvirtd
 * (qemu:///system: define, dumpxml --inactive, undefine), whose read-back must keep every hostdev on the controller
 * passthru placed it on, the expander buses' nodes, the cells, pins and memnodes; and mirrorTopology applied to the
 * read-back changes nothing. The domains are defined under a unique name and as type 'qemu': this machine has no
 * /dev/kvm, and libvirt refuses type 'kvm' without it.
 */
class MirrorLibvirtSpec extends Specification {
    static final String WIN10 = MirrorLibvirtSpec.getResourceAsStream('/dev/passthru/runtime/demo/win10.xml')
            .getText('UTF-8')

    def "#what: schema-valid, defined by the real libvirtd, read back as generated, and settled on the read-back"() {
        given:
        GuestLayout layout = LayoutBuilder.build(step, HgxHost.tree(), HgxHost.cpus())
        String xml = TopologyXml.apply(domain, layout, 'hgx-guest').xml

        when:
        Libvirt.Result valid = Libvirt.validate(xml)
        Libvirt.Result dumped = Libvirt.defineAndDump(xml, DomainXml.name(xml))
        GuestXml mine = new GuestXml(xml)
        GuestXml theirs = new GuestXml(dumped.out)

        then:
        valid.exit == 0
        dumped.exit == 0

        and: 'every hostdev on the same chain of controllers (indexes and models) as passthru wrote it'
        step.devices*.address.every { PciAddress a ->
            theirs.chainOf(a)*.@index*.toString() == mine.chainOf(a)*.@index*.toString() &&
                    theirs.chain(a) == mine.chain(a)
        }

        and: 'expander buses, cells, pins and memnodes as generated'
        theirs.expanders() == mine.expanders()
        theirs.cells() == mine.cells()
        theirs.pins() == mine.pins()
        theirs.memnodes() == mine.memnodes()

        and: 'a second plan on what libvirt holds changes nothing'
        TopologyXml.apply(dumped.out, layout, 'hgx-guest').diff == []

        where:
        what                                   | tag     | domain                | step
        'HGX: GPUs, NICs, NVSwitches, 88 vCPUs' | 'hgx'   | MirrorLayoutSpec.GUEST | MirrorLayoutSpec.step(gpus() + nics() + nvswitches(), 88, MirrorLayoutSpec.KIB_1600G, true, 2)
        'HGX: GPUs only'                       | 'gpus'  | MirrorLayoutSpec.GUEST | MirrorLayoutSpec.step(gpus(), 16)
        'one pair on node 1'                   | 'node1' | MirrorLayoutSpec.GUEST | MirrorLayoutSpec.step([gpu(5), nic(5)], 4, 4L * 1024 * 1024, false)
        'the win10 demo domain, one pair'      | 'win10' | WIN10                 | MirrorLayoutSpec.step([gpu(0), nic(0)], 4, 8L * 1024 * 1024, true, 1)
    }

    def "the check can fail: real libvirtd refuses an expander bus whose node names no guest cell"() {
        given:
        String xml = TopologyXml.apply(MirrorLayoutSpec.GUEST, LayoutBuilder.build(MirrorLayoutSpec.step([gpu(5)]),
                HgxHost.tree(), HgxHost.cpus()), 'hgx-guest').xml.replace('<node>0</node>', '<node>1</node>')

        when:
        Libvirt.Result r = Libvirt.defineAndDump(xml, DomainXml.name(xml))

        then:
        r.exit != 0
        r.out.contains('is configured for a NUMA node (1) not present in the domain')
    }
}
