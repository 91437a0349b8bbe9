package dev.passthru.spec.kvm

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.kvm.DomainSetting
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.IndentedDom
import dev.passthru.runtime.kvm.Pinning
import dev.passthru.runtime.kvm.ReplacedSettings
import dev.passthru.runtime.kvm.Topology
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every domain XML passthru writes is valid for libvirt (virt-xml-validate, and a define into the machine's real
 * libvirtd with the QEMU driver, qemu:///system, which prints back what it kept in its canonical form), changes only
 * what the step is about, reads back as written from libvirt's form, settles (the same edit on libvirt's read-back
 * changes nothing), and the undo steps give back the domain libvirt held before.
 */
class DomainXmlSpec extends Specification {
    @Shared String win10 = DomainXmlSpec.getResourceAsStream('/dev/passthru/runtime/demo/win10.xml').getText('UTF-8')
    static final Pinning PINS = new Pinning([0: '2', 1: '10', 2: '3', 3: '11'], '1,9', new Topology(1, 2, 2))

    def "the demo domain itself is valid (so a failure below is passthru's), and the checks can fail"() {
        expect:
        Libvirt.validate(win10).exit == 0
        Libvirt.validate(win10.replace("<vcpu placement='static'>4</vcpu>", "<vcpu placement='static'>4</vcpu><cputune><vcpupin vcpu='x'/></cputune>")).exit != 0
        Libvirt.defineAndDump(win10.replace("<uuid>3f9a1c52-7d4e-4b8a-9e1f-2c6d8a0b4e71</uuid>", '<uuid>not-a-uuid</uuid>'), 'win10').exit != 0
        !sameExcept(win10, DomainXml.withPinning(win10, PINS), [])
        !sameExcept(win10, win10.replace("<acpi/>", ''), ['cputune'])
    }

    def "#what: valid, defined by libvirt as written, and nothing else changed"() {
        when:
        String xml = edit(win10)
        Libvirt.Result valid = Libvirt.validate(xml)
        Libvirt.Result defined = Libvirt.defineAndDump(xml, 'win10')

        then:
        valid.exit == 0
        defined.exit == 0
        kept.every { String s -> defined.out.contains(s) }
        sameExcept(win10, xml, managed)

        and: 'passthru reads in libvirt\'s canonical form what it wrote'
        DomainXml.pinning(defined.out) == (managed.contains('cputune') ? PINS : new Pinning([:], null, null))
        DomainXml.numaMemory(defined.out)?.toString() == (managed.contains('numatune') ? 'strict:0' : null)
        DomainXml.hugepages(defined.out) == managed.contains('memoryBacking')

        and: 'the same step on libvirt\'s read-back changes nothing: a second run finds it done'
        sameExcept(defined.out, edit(defined.out), [])

        and: 'the graphics password survives the round trip'
        xml.contains("passwd=\"demo-spice-secret\"") || xml.contains("passwd='demo-spice-secret'")
        defined.out.contains("passwd='demo-spice-secret'")

        where:
        what                  | edit                                                       | managed                         || kept
        'vCPU pinning'        | { String x -> DomainXml.withPinning(x, PINS) }             | ['cputune', 'cpu']              || ["<vcpupin vcpu='0' cpuset='2'/>", "<vcpupin vcpu='1' cpuset='10'/>", "<emulatorpin cpuset='1,9'/>", "<topology sockets='1' dies='1' cores='2' threads='2'/>"]
        'strict NUMA memory'  | { String x -> DomainXml.withNumaMemory(x, 0) }             | ['numatune']                    || ["<memory mode='strict' nodeset='0'/>"]
        'hugepages backing'   | { String x -> DomainXml.withHugepages(x, true) }           | ['memoryBacking']               || ['<hugepages/>']
        'all three'           | { String x -> DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withPinning(x, PINS), 0), true) } | ['cputune', 'cpu', 'numatune', 'memoryBacking'] || ["<vcpupin vcpu='3' cpuset='11'/>", "nodeset='0'", '<hugepages/>']
    }

    def "libvirt's QEMU driver judges, not a simulator: a machine type this QEMU lacks is refused, with its reason"() {
        when: 'the schema and the test:///default driver accept the domain; the QEMU driver asks its QEMU'
        String future = win10.replace("machine='pc-q35-7.2'", "machine='pc-q35-99.0'")
        Libvirt.Result r = Libvirt.defineAndDump(future, 'win10')

        then:
        Libvirt.validate(future).exit == 0
        r.exit != 0
        r.out.contains("does not support machine type 'pc-q35-99.0'")

        and: 'every domain went into the shared daemon and out again: none is left defined'
        Libvirt.defineAndDump(win10, 'win10').exit == 0
        !RealLibvirtd.virsh(['list', '--all', '--name']).out.readLines()
                .any { it.startsWith("passthru-spec-${ProcessHandle.current().pid()}-") }
    }

    def "a hostdev passthru attaches is valid in the domain and libvirt keeps it as a managed PCI host device"() {
        given:
        String hostdev = DomainXml.hostdev(PciAddress.parse('0000:06:00.1'))
        String xml = win10.replace('  </devices>', hostdev.readLines().collect { "    ${it}" }.join('\n') + '\n  </devices>')

        expect:
        hostdev.startsWith("<hostdev mode='subsystem' type='pci' managed='yes'>")
        Libvirt.validate(xml).exit == 0
        Libvirt.defineAndDump(xml, 'win10').out.contains("<address domain='0x0000' bus='0x06' slot='0x00' function='0x1'/>")
        DomainXml.hostdevs(xml) == [PciAddress.parse('0000:06:00.1')]

        and: 'libvirt keeps it as a managed PCI hostdev with a guest slot; passthru reads it back from that form'
        String back = Libvirt.defineAndDump(xml, 'win10').out
        back.contains("<hostdev mode='subsystem' type='pci' managed='yes'>")
        DomainXml.hostdevs(back) == [PciAddress.parse('0000:06:00.1')]
        (back =~ /(?s)<hostdev .*?<\/source>\s*<address type='pci' [^>]*\/>\s*<\/hostdev>/).find()
    }

    def "undo edits give back the original domain"() {
        given:
        String all = DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withPinning(win10, PINS), 0), true)

        when:
        String undone = DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withoutPinning(all), null), false)

        then:
        sameExcept(win10, undone, [])
        Libvirt.validate(undone).exit == 0
        DomainXml.pinning(undone).empty
        DomainXml.numaMemory(undone) == null
        !DomainXml.hugepages(undone)

        and: 'libvirt holds the undone domain exactly as it holds the original'
        Libvirt.defineAndDump(all, 'win10').out != Libvirt.defineAndDump(win10, 'win10').out
        Libvirt.defineAndDump(undone, 'win10').out == Libvirt.defineAndDump(win10, 'win10').out

        and: 'undoing libvirt\'s own form of the edited domain gives libvirt\'s form of the original'
        sameExcept(Libvirt.defineAndDump(DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withoutPinning(
                Libvirt.defineAndDump(all, 'win10').out), null), false), 'win10').out,
                Libvirt.defineAndDump(win10, 'win10').out, [])
    }

    def "settings of the same elements that passthru does not own are kept"() {
        given:
        String tuned = win10.replace("  <vcpu placement='static'>4</vcpu>\n",
                "  <vcpu placement='static'>4</vcpu>\n  <cputune>\n    <shares>2048</shares>\n    <vcpupin vcpu='0' cpuset='7'/>\n  </cputune>\n  <memoryBacking>\n    <nosharepages/>\n  </memoryBacking>\n")

        when:
        String pinned = DomainXml.withHugepages(DomainXml.withPinning(tuned, PINS), true)
        String unpinned = DomainXml.withHugepages(DomainXml.withoutPinning(pinned), false)

        then:
        pinned.contains('<shares>2048</shares>')
        DomainXml.pinning(pinned) == PINS
        DomainXml.pinning(unpinned).vcpus == [0: '7']
        pinned.contains('<nosharepages/>')
        Libvirt.validate(pinned).exit == 0
        unpinned.contains('<shares>2048</shares>') && unpinned.contains('<nosharepages/>')
        Libvirt.validate(unpinned).exit == 0

        and: 'libvirt keeps them too'
        String back = Libvirt.defineAndDump(pinned, 'win10').out
        back.contains('<shares>2048</shares>') && back.contains('<nosharepages/>') && DomainXml.pinning(back) == PINS
        Libvirt.defineAndDump(unpinned, 'win10').out.contains('<shares>2048</shares>')
    }

    static final String VCPU = "  <vcpu placement='static'>4</vcpu>\n"
    static final Closure<String> PIN = { String x -> DomainXml.withPinning(x, PINS) }
    static final Closure<String> UNPIN = { String x -> DomainXml.withoutPinning(x) }
    static final Closure<String> NUMA0 = { String x -> DomainXml.withNumaMemory(x, 0) }
    static final Closure<String> NO_NUMA = { String x -> DomainXml.withNumaMemory(x, null) }
    static final Closure<String> HUGE = { String x -> DomainXml.withHugepages(x, true) }
    static final Closure<String> NO_HUGE = { String x -> DomainXml.withHugepages(x, false) }
    static final Closure<String> PINS_READ = { String x -> DomainXml.pinning(x).describe() }
    static final Closure<String> NUMA_READ = { String x -> "${DomainXml.numaMemory(x) ?: '(none)'}".toString() }
    static final Closure<String> HUGE_READ = { String x ->
        "hugepages ${DomainXml.hugepages(x)}, ondemand ${DomainXml.onDemandAllocation(x)}, anonymous ${DomainXml.anonymousSource(x)}".toString() }

    /** win10 with this setting (after its vcpu; a {@code <cpu>} replaces win10's own). */
    String with(String setting) {
        String base = setting.contains('<cpu') ? win10.replace("  <cpu mode='host-passthrough' check='none' migratable='on'/>\n", '') : win10
        base.replace(VCPU, VCPU + setting)
    }

    def "#what: the edit replaces it, the undo gives back what was there before passthru, as libvirtd reads it too"() {
        given: 'win10 with the setting'
        String before = with(setting)

        when:
        String edited = edit(before)
        String undone = undo(edited)
        Map<String, LibvirtdBatch.Outcome> libvirtd = LibvirtdBatch.judge([before: before, edited: edited])
        String undoneByLibvirtd = LibvirtdBatch.judge([undone: undo(libvirtd.edited.xml)]).undone.xml

        then: 'passthru reads what it wrote, and the undo gives back the setting and the rest of the domain'
        read(before) == was
        read(edited) == becomes
        read(undone) == was
        DomainShape.same(before, undone)
        !DomainXml.replaced(undone, DomainSetting.PINNING) && !undone.contains(ReplacedSettings.NAMESPACE)

        and: 'both idempotent'
        edit(edited) == edited
        undo(undone) == undone

        and: 'schema-valid; the real libvirtd keeps the record, and undo on what it reads back gives the setting back'
        [before, edited, undone].every { Libvirt.validate(it).exit == 0 }
        libvirtd.values().every { it.defined }
        read(libvirtd.edited.xml) == becomes
        read(undoneByLibvirtd) == was

        where:
        what                           | setting                                                                                          | edit  | undo    | read      || was                                                   | becomes
        'a guest topology 2x2x1'       | "  <cpu mode='host-passthrough'>\n    <topology sockets='2' dies='1' cores='2' threads='1'/>\n  </cpu>\n" | PIN | UNPIN | PINS_READ || 'no vcpupin; no emulatorpin; topology 2 socket x 2 cores x 1 threads' | PINS.describe()
        'vcpupin and emulatorpin'      | "  <cputune>\n    <vcpupin vcpu='0' cpuset='7'/>\n    <emulatorpin cpuset='6'/>\n  </cputune>\n" | PIN | UNPIN | PINS_READ || 'vcpupin 0:7; emulatorpin 6; no topology' | PINS.describe()
        'no pinning at all'            | ''                                                                                               | PIN   | UNPIN   | PINS_READ || '(not pinned)'                                        | PINS.describe()
        'numatune interleave 0-1'      | "  <numatune>\n    <memory mode='interleave' nodeset='0-1'/>\n  </numatune>\n"                  | NUMA0 | NO_NUMA | NUMA_READ || 'interleave:0-1'                                      | 'strict:0'
        'numatune preferred 1'  | "  <numatune>\n    <memory mode='preferred' nodeset='1'/>\n  </numatune>\n"                     | NUMA0 | NO_NUMA | NUMA_READ || 'preferred:1'                                         | 'strict:0'
        'no numatune'                  | ''                                                                                               | NUMA0 | NO_NUMA | NUMA_READ || '(none)'                                              | 'strict:0'
        'allocation ondemand'          | "  <memoryBacking>\n    <allocation mode='ondemand'/>\n  </memoryBacking>\n"                   | HUGE  | NO_HUGE | HUGE_READ || 'hugepages false, ondemand true, anonymous false'     | 'hugepages true, ondemand false, anonymous false'
        'anonymous source, ondemand (memorybacking-unset.xml)' | "  <memoryBacking>\n    <source type='anonymous'/>\n    <access mode='private'/>\n    <allocation mode='ondemand'/>\n  </memoryBacking>\n" | HUGE | NO_HUGE | HUGE_READ || 'hugepages false, ondemand true, anonymous true' | 'hugepages true, ondemand false, anonymous false'
        'no memoryBacking'             | ''                                                                                               | HUGE  | NO_HUGE | HUGE_READ || 'hugepages false, ondemand false, anonymous false'    | 'hugepages true, ondemand false, anonymous false'
    }

    def "#what: a setting passthru did not make is kept by the undo, and an edit that finds it so changes nothing"() {
        given:
        String before = with(setting)

        expect:
        undo(before) == before
        edit == null || edit(before) == before
        Libvirt.validate(before).exit == 0

        where:
        what                        | setting                                                                                                      | undo    | edit
        'hugepage sizes 1G and 2M'  | "  <memoryBacking>\n    <hugepages>\n      <page size='1' unit='G' nodeset='0'/>\n      <page size='2048' unit='KiB'/>\n    </hugepages>\n  </memoryBacking>\n" | NO_HUGE | HUGE
        'hand-made pins, topology'  | "  <cputune>\n    <vcpupin vcpu='0' cpuset='7'/>\n  </cputune>\n  <cpu>\n    <topology sockets='3' dies='1' cores='2' threads='1'/>\n  </cpu>\n" | UNPIN | null
        'a numatune rule by hand'   | "  <numatune>\n    <memory mode='interleave' nodeset='0-1'/>\n  </numatune>\n"                          | NO_NUMA | null
        'numatune strict:0 already' | "  <numatune>\n    <memory mode='strict' nodeset='0'/>\n  </numatune>\n"                                 | NO_NUMA | NUMA0
    }

    def "the first original wins: editing twice, then undoing once, gives back the domain from before the first edit"() {
        given:
        String before = win10.replace(VCPU, VCPU + "  <numatune>\n    <memory mode='interleave' nodeset='0-1'/>\n  </numatune>\n")

        when:
        String twice = DomainXml.withNumaMemory(DomainXml.withNumaMemory(before, 0), 1)

        then:
        DomainXml.numaMemory(twice).toString() == 'strict:1'
        DomainXml.numaMemory(DomainXml.withNumaMemory(twice, null)).toString() == 'interleave:0-1'
        sameExcept(before, DomainXml.withNumaMemory(twice, null), [])
    }

    def "reading: pinning, vCPUs, host devices of a domain as libvirt prints it"() {
        given:
        String xml = Libvirt.defineAndDump(DomainXml.withPinning(win10, PINS), 'win10').out

        expect:
        DomainXml.pinning(xml) == PINS
        DomainXml.vcpus(xml) == 4
        DomainXml.hostdevs(xml) == []
        DomainXml.name(xml) == 'win10'
    }

    def "a numad domain: libvirt writes back numatune placement auto, which is no rule, so noNumaMemory settles"() {
        given: 'a domain whose vCPUs numad places, as libvirt prints it back'
        String numad = Libvirt.defineAndDump(win10.replace("<vcpu placement='static'>4</vcpu>",
                "<vcpu placement='auto'>4</vcpu>"), 'win10').out

        expect:
        numad.contains("<memory mode='strict' placement='auto'/>")
        DomainXml.numaMemory(numad) == null

        and: 'removing the rule and defining again gives the same domain back: nothing to change on the next run'
        DomainXml.numaMemory(Libvirt.defineAndDump(DomainXml.withNumaMemory(numad, null), 'win10').out) == null

        and: 'a node set on it is a rule'
        DomainXml.numaMemory(Libvirt.defineAndDump(DomainXml.withNumaMemory(numad, 1), 'win10').out).toString() ==
                'strict:1'
    }

    def "hugepages on a domain allocated on demand drop the ondemand mode libvirt refuses with them: #allocation"() {
        given:
        String xml = win10.replace("  <vcpu placement='static'>4</vcpu>\n",
                "  <memoryBacking>\n    ${allocation}\n  </memoryBacking>\n  <vcpu placement='static'>4</vcpu>\n")

        when:
        String huge = DomainXml.withHugepages(xml, true)

        then:
        DomainXml.onDemandAllocation(xml)
        !DomainXml.onDemandAllocation(huge)
        DomainXml.hugepages(huge)
        huge.contains(kept)
        Libvirt.validate(huge).exit == 0

        and: 'real libvirt accepts the result and refuses what a plain <hugepages/> next to ondemand would be'
        Libvirt.defineAndDump(huge, 'win10').exit == 0
        DomainXml.hugepages(Libvirt.defineAndDump(huge, 'win10').out)
        Libvirt.defineAndDump(xml.replace('</memoryBacking>', '  <hugepages/>\n  </memoryBacking>'), 'win10').out
                .contains('hugepages are not allowed with memory allocation ondemand')

        where:
        allocation                                  || kept
        "<allocation mode='ondemand'/>"             || '<hugepages/>\n  </memoryBacking>'
        "<allocation mode='ondemand' threads='8'/>" || 'threads="8"'
    }

    def "a domain without <vcpu> has one vCPU, as libvirt reads it"() {
        given:
        String none = win10.replace("  <vcpu placement='static'>4</vcpu>\n", '')

        expect:
        DomainXml.vcpus(none) == 1
        DomainXml.vcpus(Libvirt.defineAndDump(none, 'win10').out) == 1
        Libvirt.defineAndDump(none, 'win10').out.contains("<vcpu placement='static'>1</vcpu>")
    }

    def "a document that is not a domain, or carries a DOCTYPE, is refused"() {
        when:
        DomainXml.parse(text)

        then:
        OutputFormatException e = thrown()
        e.message.contains(msg)

        where:
        text                                                                                     || msg
        '<network><name>default</name></network>'                                               || 'expected a <domain> document, got <network>'
        '<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]><domain>&x;</domain>'        || 'does not parse'
        'error: failed to get domain'                                                            || 'does not parse'
    }

    /** The two domains are the same apart from these top-level elements (whitespace between elements ignored). */
    static boolean sameExcept(String a, String b, List<String> managed) {
        Document da = strip(DomainXml.parse(a), managed), db = strip(DomainXml.parse(b), managed)
        da.documentElement.isEqualNode(db.documentElement)
    }

    private static Document strip(Document d, List<String> managed) {
        managed.each { String n -> Element e = IndentedDom.child(d.documentElement, n); if (e) d.documentElement.removeChild(e) }
        Element metadata = IndentedDom.child(d.documentElement, 'metadata')
        if (metadata != null) {   // passthru's own record of what it replaced
            IndentedDom.children(metadata, null).findAll { it.namespaceURI == ReplacedSettings.NAMESPACE }
                    .each { metadata.removeChild(it) }
            if (IndentedDom.children(metadata, null).isEmpty()) d.documentElement.removeChild(metadata)
        }
        blanks(d.documentElement)
        d
    }

    private static void blanks(Node n) {
        List<Node> kids = []
        for (Node c = n.firstChild; c != null; c = c.nextSibling) kids << c
        kids.each { Node c ->
            if (c.nodeType == Node.TEXT_NODE && c.textContent.trim().isEmpty()) n.removeChild(c)
            else blanks(c)
        }
    }
}
