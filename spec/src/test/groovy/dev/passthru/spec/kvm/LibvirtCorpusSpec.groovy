package dev.passthru.spec.kvm

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.IndentedDom
import dev.passthru.runtime.kvm.Pinning
import dev.passthru.runtime.kvm.Topology
import dev.passthru.spec.Repo
import org.w3c.dom.Document
import org.w3c.dom.Element
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every domain edit passthru makes (pinning with topology and emulator pin, numatune memory, hugepages, a hostdev) and
 * each removal, run over every schema-valid domain of libvirt 9.0.0's own test suite (tests/qemuxml2argvdata and
 * tests/qemuxml2xmloutdata of Debian bookworm's libvirt source, {@link LibvirtCorpus}): no exception, every output
 * schema-valid, idempotent, the elements passthru does not own kept, removal giving back the original, and the real
 * libvirtd (qemu:///system) accepting the edited domains exactly where it accepts the originals.
 */
class LibvirtCorpusSpec extends Specification {
    static final PciAddress DEVICE = PciAddress.parse('0000:fe:1f.7')

    /**
     * Test domains libvirt refuses (on purpose: negative tests of qemuxml2argvtest) whose refused setting passthru's
     * edits replace, so the edited domain is defined: the topology (pinVcpus sets one matching the vCPU count) or the
     * numatune memory rule (numaMemory 0 sets mode strict with a nodeset, dropping placement auto).
     */
    static final Set<String> REPAIRED_BY_EDIT = [
            "qemuxml2argvdata/fd-memory-numa-topology2.xml: unsupported configuration: CPU topology doesn't match " +
                    'maximum vcpu count',
            "qemuxml2argvdata/fd-memory-numa-topology3.xml: unsupported configuration: CPU topology doesn't match " +
                    'maximum vcpu count',
            "qemuxml2argvdata/numad-auto-vcpu-static-numatune-no-nodeset.xml: unsupported configuration: nodeset for " +
                    "NUMA memory tuning must be set if 'placement' is 'static'",
            "qemuxml2argvdata/numatune-memnode-invalid-mode.xml: XML error: 'restrictive' mode is required in " +
                    "memnode element when mode is 'restrictive' in memory element",
            'qemuxml2argvdata/numatune-memnodes-problematic.xml: unsupported configuration: Per-node binding is not ' +
                    'compatible with automatic NUMA placement.',
            "qemuxml2argvdata/numatune-memory-invalid-nodeset.xml: unsupported configuration: Invalid value of " +
                    "'nodeset': 0,^0",
    ].collect { it.toString() } as Set

    @Shared Map<String, String> corpus
    @Shared Map<String, Edited> edited = [:]
    @Shared Map<String, String> exceptions = [:]
    @Shared long started

    /** One corpus domain and what passthru's edits made of it. */
    static final class Edited {
        String original
        Pinning pins
        String pinned, numa, huge, all, withDevice
        String unpinned, noNuma, noHuge, undone
    }

    def setupSpec() {
        started = System.nanoTime()
        corpus = LibvirtCorpus.domains(LibvirtCorpus.fetch())
        log("corpus: ${corpus.size()} schema-valid distinct domains")
        corpus.each { String name, String xml ->
            try {
                edited[name] = edit(xml)
            } catch (Exception e) {
                exceptions[name] = e.toString()
            }
        }
        log("edits run")
    }

    def "the corpus: libvirt 9.0.0's schema-valid test domains, each text once, and the selection can fail"() {
        given:
        File work = LibvirtCorpus.fetch()
        List<File> files = LibvirtCorpus.files(work)
        File invalid = new File(work, 'tests/qemuxml2argvdata/aarch64-gic-invalid.xml')

        expect: 'the count of Debian bookworm libvirt_9.0.0.orig.tar.xz (its SHA-256 is checked when fetched)'
        files.size() == 1690
        corpus.size() == 1479
        files.contains(invalid) && !LibvirtCorpus.valid([invalid]).contains(invalid)
        LibvirtCorpus.valid([new File(work, 'tests/qemuxml2argvdata/minimal.xml')]).size() == 1
    }

    def "every edit runs on every domain without an exception, and passthru reads back what it wrote"() {
        expect:
        exceptions == [:]
        edited.size() == corpus.size()
        edited.findAll { String n, Edited e ->
            DomainXml.pinning(e.pinned) != e.pins || DomainXml.numaMemory(e.numa).toString() != 'strict:0' ||
                    !DomainXml.hugepages(e.huge) || DomainXml.onDemandAllocation(e.huge) ||
                    DomainXml.pinning(e.all) != e.pins || !DomainXml.hostdevs(e.withDevice).contains(DEVICE) ||
                    DomainXml.hostdevs(e.original).contains(DEVICE)
        }.keySet() == [] as Set
    }

    def "every output is schema-valid (libvirt's domain.rng, one xmllint for all)"() {
        given:
        File out = Repo.file('spec/target/libvirt-corpus/out')
        out.deleteDir()
        out.mkdirs()
        Map<File, String> files = [:]
        int i = 0
        edited.each { String name, Edited e ->
            [pinned: e.pinned, numa: e.numa, huge: e.huge, withDevice: e.withDevice, undone: e.undone]
                    .each { String what, String xml ->
                        File f = new File(out, "${i}-${what}.xml")
                        f.setText(xml, 'UTF-8')
                        files[f] = "${name} ${what}".toString()
                    }
            i++
        }

        when:
        Set<File> valid = LibvirtCorpus.valid(files.keySet() as List<File>)
        log("schema-checked ${files.size()} outputs")

        then:
        files.findAll { File f, String what -> !valid.contains(f) }.values() as List == []
        files.size() == 5 * corpus.size()
    }

    def "idempotent: each edit and each removal applied again changes nothing"() {
        expect:
        edited.findAll { String n, Edited e ->
            DomainXml.withPinning(e.pinned, e.pins) != e.pinned || DomainXml.withNumaMemory(e.numa, 0) != e.numa ||
                    DomainXml.withHugepages(e.huge, true) != e.huge || allEdits(e.all, e.pins) != e.all ||
                    DomainXml.withoutPinning(e.unpinned) != e.unpinned ||
                    DomainXml.withNumaMemory(e.noNuma, null) != e.noNuma ||
                    DomainXml.withHugepages(e.noHuge, false) != e.noHuge || undoAll(e.undone) != e.undone
        }.keySet() == [] as Set
    }

    def "the elements passthru does not own are kept, and removal without a record of passthru's changes nothing"() {
        expect:
        edited.findAll { String n, Edited e -> !DomainShape.sameExceptOwned(e.original, e.all) }.keySet() == [] as Set
        edited.findAll { String n, Edited e ->
            DomainXml.withoutPinning(e.original) != e.original ||
                    DomainXml.withNumaMemory(e.original, null) != e.original ||
                    DomainXml.withHugepages(e.original, false) != e.original
        }.keySet() == [] as Set
    }

    def "removal gives back the original: each on its own, and all three after all three edits"() {
        expect:
        edited.findAll { String n, Edited e -> !DomainShape.same(e.original, e.unpinned) }.keySet() == [] as Set
        edited.findAll { String n, Edited e -> !DomainShape.same(e.original, e.noNuma) }.keySet() == [] as Set
        edited.findAll { String n, Edited e -> !DomainShape.same(e.original, e.noHuge) }.keySet() == [] as Set
        edited.findAll { String n, Edited e -> !DomainShape.same(e.original, e.undone) }.keySet() == [] as Set
    }

    def "the real libvirtd accepts the edited domains (and the hostdev) exactly where it accepts the originals"() {
        given:
        LibvirtdBatch.cleanUp()
        Map<String, String> keys = [:]
        edited.keySet().eachWithIndex { String n, int i -> keys[n] = "d${i}".toString() }
        String hostdev = DomainXml.hostdev(DEVICE)

        when:
        Map<String, LibvirtdBatch.Outcome> originals = LibvirtdBatch.judge(
                edited.collectEntries { String n, Edited e -> [keys[n], e.original] }, hostdev)
        Map<String, LibvirtdBatch.Outcome> edits = LibvirtdBatch.judge(
                edited.collectEntries { String n, Edited e -> [keys[n], e.all] }, hostdev)
        log("libvirtd: defined ${originals.size()} originals and ${edits.size()} edited domains")
        Map<String, String> byLibvirt = edits.findAll { it.value.defined }
                .collectEntries { String k, LibvirtdBatch.Outcome o -> [k, undoAll(o.xml)] }
        Map<String, LibvirtdBatch.Outcome> undone = LibvirtdBatch.judge(byLibvirt)
        log("libvirtd: defined ${undone.size()} undone domains")
        Map<String, String> name = keys.collectEntries { n, k -> [k, n] }
        int accepted = originals.count { it.value.defined } as int
        log("libvirtd accepted ${accepted} of ${originals.size()} originals, " +
                "${edits.count { it.value.defined }} edited")

        List<String> refusedByEdit = originals.findAll { k, o -> o.defined && !edits[k].defined }
                .collect { k, o -> "${name[k]}: ${edits[k].error}".toString() }
        Set<String> repairedByEdit = originals.findAll { k, o -> !o.defined && edits[k].defined }
                .collect { k, o -> "${name[k]}: ${o.error}".toString() } as Set
        List<String> attachDiffers = originals.findAll { k, o -> o.defined && edits[k].defined &&
                (o.attachError != null) != (edits[k].attachError != null) }
                .collect { k, o -> "${name[k]}: ${o.attachError ?: edits[k].attachError}".toString() }
        int attached = originals.count { k, o -> o.defined && o.attachError == null } as int
        List<String> unsettled = edits.findAll { k, o ->
            o.defined && !settled(o.xml, edited[name[k]], o.attachError == null) }
                .collect { k, o -> name[k] }
        List<String> undoRefused = undone.findAll { k, o -> !o.defined }
                .collect { k, o -> "${name[k]}: ${o.error}".toString() }
        List<String> undoDiffers = undone.findAll { k, o -> o.defined &&
                !DomainShape.sameAnyDeviceOrder(named(originals[k].xml), named(o.xml)) }.collect { k, o -> name[k] }
        log("libvirtd: hostdev attached to ${attached} originals; edited refused ${refusedByEdit.size()}, " +
                "repaired ${repairedByEdit.size()}, attach differs ${attachDiffers.size()}, unsettled " +
                "${unsettled.size()}, undo refused ${undoRefused.size()}, undo differs ${undoDiffers.size()}")
        then: 'defined wherever the original is'
        refusedByEdit == []

        and: 'refused originals stay refused, except where the edit replaces the very setting libvirt refused'
        repairedByEdit == REPAIRED_BY_EDIT
        accepted == 1041

        and: 'the hostdev is attached to the edited domain wherever to the original'
        attachDiffers == []

        and: 'libvirt reads back what passthru wrote, so a second run changes nothing'
        unsettled == []

        and: 'removal on what libvirtd read back gives back what libvirtd read of the original (refused where it is)'
        undoRefused as Set == REPAIRED_BY_EDIT
        undoDiffers == []
    }

    def cleanupSpec() {
        log("done")
    }

    static Edited edit(String xml) {
        Edited e = new Edited(original: xml)
        e.pins = pins(DomainXml.vcpus(xml))
        e.pinned = DomainXml.withPinning(xml, e.pins)
        e.numa = DomainXml.withNumaMemory(xml, 0)
        e.huge = DomainXml.withHugepages(xml, true)
        e.all = allEdits(xml, e.pins)
        e.withDevice = withHostdev(e.all, DEVICE)
        DomainXml.hostdevs(xml)
        e.unpinned = DomainXml.withoutPinning(e.pinned)
        e.noNuma = DomainXml.withNumaMemory(e.numa, null)
        e.noHuge = DomainXml.withHugepages(e.huge, false)
        e.undone = undoAll(e.all)
        e
    }

    static String allEdits(String xml, Pinning p) {
        DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withPinning(xml, p), 0), true)
    }

    static String undoAll(String xml) {
        DomainXml.withHugepages(DomainXml.withNumaMemory(DomainXml.withoutPinning(xml), null), false)
    }

    /** vCPU v on host CPU v+2, the emulator on 0-1, and a topology of 2 threads per core when the count is even. */
    static Pinning pins(int n) {
        Map<Integer, String> m = (0..<n).collectEntries { int v -> [v, "${v + 2}".toString()] }
        new Pinning(m, '0-1', n % 2 == 0 ? new Topology(1, n.intdiv(2) as Integer, 2) : new Topology(1, n, 1))
    }

    /** The domain with the hostdev appended to its devices, as attach-device --config adds it. */
    static String withHostdev(String xml, PciAddress a) {
        Document d = DomainXml.parse(xml)
        Element devices = IndentedDom.ensure(d.documentElement, 'devices', [])
        Element dev = DomainXml.parse("<domain>${DomainXml.hostdev(a)}</domain>").documentElement
        IndentedDom.append(devices, (Element) d.importNode(IndentedDom.child(dev, 'hostdev'), true))
        DomainXml.write(d)
    }

    /** Whether libvirt's reading of the edited domain is what passthru wrote (so the next plan is in sync). */
    static boolean settled(String xml, Edited e, boolean attached) {
        DomainXml.pinning(xml) == e.pins && DomainXml.numaMemory(xml).toString() == 'strict:0' &&
                DomainXml.hugepages(xml) && !DomainXml.onDemandAllocation(xml) &&
                DomainXml.hostdevs(xml).contains(DEVICE) == attached && DomainXml.withPinning(xml, e.pins) == xml &&
                DomainXml.withNumaMemory(xml, 0) == xml && DomainXml.withHugepages(xml, true) == xml
    }

    /**
     * The domain without batch names (its own, and the edit batch's in an nvram path libvirt made from it), its uuid and
     * genid (libvirt makes them).
     */
    static String named(String xml) {
        xml.replaceAll(/${LibvirtdBatch.PREFIX}[0-9a-z]+-d\d+/, 'x').replaceFirst(/<uuid>[^<]*<\/uuid>/, '')
                .replaceFirst(/<genid>[^<]*<\/genid>/, '')
    }

    private void log(String what) {
        println "LibvirtCorpusSpec: ${what} (${(System.nanoTime() - started).intdiv(1_000_000)} ms)"
    }
}
