package dev.passthru.runtime.kvm

import static dev.passthru.runtime.kvm.IndentedDom.append
import static dev.passthru.runtime.kvm.IndentedDom.child
import static dev.passthru.runtime.kvm.IndentedDom.children
import static dev.passthru.runtime.kvm.IndentedDom.ensure
import static dev.passthru.runtime.kvm.IndentedDom.remove

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.xml.sax.InputSource

import javax.xml.XMLConstants
import javax.xml.parsers.DocumentBuilder
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.transform.OutputKeys
import javax.xml.transform.Transformer
import javax.xml.transform.TransformerFactory
import javax.xml.transform.dom.DOMSource
import javax.xml.transform.stream.StreamResult

/**
 * Pure reads and edits of a libvirt domain XML (as {@code virsh dumpxml --inactive} prints it). An edit
 * changes only the elements it is about (cputune pins, numatune memory, memoryBacking hugepages, cpu
 * topology) and keeps every other element, attribute and text as it was; new elements are indented
 * like their neighbours. DOCTYPEs are refused (no external entities).
 */
@CompileStatic
final class DomainXml {
    /** One parser and one serializer per thread: looking the JAXP factories up costs more than a parse. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial { ->
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance()
        f.namespaceAware = true
        f.setFeature('http://apache.org/xml/features/disallow-doctype-decl', true)
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true)
        DocumentBuilder b = f.newDocumentBuilder()
        b.errorHandler = null
        b
    }
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial { ->
        Transformer t = TransformerFactory.newInstance().newTransformer()
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, 'yes')
        t.setOutputProperty(OutputKeys.ENCODING, 'UTF-8')
        t
    }

    private DomainXml() {}

    static Document parse(String xml) {
        try {
            DocumentBuilder b = BUILDER.get()
            b.reset()
            b.errorHandler = null
            Document d = b.parse(new InputSource(new StringReader(xml)))
            if (d.documentElement.tagName != 'domain') {
                throw new OutputFormatException("expected a <domain> document, got <${d.documentElement.tagName}>")
            }
            d
        } catch (OutputFormatException e) {
            throw e
        } catch (Exception e) {
            throw new OutputFormatException("domain XML does not parse: ${e.message}")
        }
    }

    static String write(Document d, boolean trailingNewline = true) {
        Transformer t = SERIALIZER.get()
        StringWriter w = new StringWriter()
        t.transform(new DOMSource(d), new StreamResult(w))
        w.toString() + (trailingNewline ? '\n' : '')
    }

    static String name(String xml) { text(child(parse(xml).documentElement, 'name')) }

    /** The domain's vCPU count ({@code <vcpu>}; a domain without one has 1, as libvirt reads it). */
    static int vcpus(String xml) {
        Element vcpu = child(parse(xml).documentElement, 'vcpu')
        if (vcpu == null) return 1
        String t = text(vcpu)
        if (!(t ==~ /\d+/)) throw new OutputFormatException("domain XML has no readable <vcpu> count ('${t}')")
        t as int
    }

    /** PCI host devices the domain has, by source address. */
    static List<PciAddress> hostdevs(String xml) {
        Element devices = child(parse(xml).documentElement, 'devices')
        if (devices == null) return []
        children(devices, 'hostdev').findAll { Element h -> h.getAttribute('type') == 'pci' }.collect { Element h ->
            Element a = child(child(h, 'source'), 'address')
            if (a == null) throw new OutputFormatException('a <hostdev type="pci"> has no <source><address>')
            address(a)
        }
    }

    /**
     * The {@code <hostdev>} that gives a VM one host PCI function; libvirt detaches it from the host driver itself
     * (managed).
     */
    static String hostdev(PciAddress a) {
        String address = "domain='0x${hex(a.domain, 4)}' bus='0x${hex(a.bus, 2)}' slot='0x${hex(a.slot, 2)}'" +
                " function='0x${a.function}'"
        """<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address ${address}/>
  </source>
</hostdev>
""".toString()
    }

    /** The vCPU pinning the domain has now. */
    static Pinning pinning(String xml) {
        Element root = parse(xml).documentElement
        Element tune = child(root, 'cputune')
        Map<Integer, String> pins = new TreeMap<>()
        String emulator = null
        if (tune != null) {
            children(tune, 'vcpupin').each { Element p ->
                pins[p.getAttribute('vcpu') as int] = p.getAttribute('cpuset')
            }
            emulator = child(tune, 'emulatorpin')?.getAttribute('cpuset')
        }
        Element topo = child(child(root, 'cpu'), 'topology')
        Topology t = topo == null ? null : new Topology(attrInt(topo, 'sockets'), attrInt(topo, 'cores'),
                attrInt(topo, 'threads'))
        new Pinning(pins, emulator, t)
    }

    /**
     * The domain with exactly this pinning: vcpupins and emulatorpin replaced, other cputune settings kept; topology
     * set in {@code <cpu>}. What the domain had before passthru's first pinning is kept in its metadata
     * ({@link ReplacedSettings}) for {@link #withoutPinning}; a domain pinned so already is returned unchanged.
     */
    static String withPinning(String xml, Pinning p) {
        if (pinning(xml) == p) return xml
        Document d = parse(xml)
        Element root = d.documentElement
        ReplacedSettings.keep(root, DomainSetting.PINNING)
        Element tune = ensure(root, 'cputune', ['iothreads', 'vcpu'])
        children(tune, 'vcpupin').each { remove(it) }
        Element em = child(tune, 'emulatorpin')
        if (em != null) remove(em)
        p.vcpus.each { Integer v, String cpuset ->
            Element pin = d.createElement('vcpupin')
            pin.setAttribute('vcpu', "${v}".toString())
            pin.setAttribute('cpuset', cpuset)
            append(tune, pin)
        }
        if (p.emulator != null) {
            Element e = d.createElement('emulatorpin')
            e.setAttribute('cpuset', p.emulator)
            append(tune, e)
        }
        if (p.topology != null) {
            Element cpu = ensure(root, 'cpu', ['features', 'os'])
            Element topo = child(cpu, 'topology')
            if (topo == null) { topo = d.createElement('topology'); append(cpu, topo) }
            topo.setAttribute('sockets', "${p.topology.sockets}".toString())
            topo.setAttribute('dies', '1')
            topo.setAttribute('cores', "${p.topology.cores}".toString())
            topo.setAttribute('threads', "${p.topology.threads}".toString())
        }
        write(d, xml.endsWith('\n'))
    }

    /**
     * The domain with the vcpupin, emulatorpin and guest topology it had before passthru pinned it (none, when it had
     * none: an emptied cputune or a cpu element passthru added goes too); unchanged when passthru did not pin it.
     */
    static String withoutPinning(String xml) { givenBack(xml, DomainSetting.PINNING) }

    /** Whether the domain keeps a record of what {@code setting} was before passthru changed it. */
    static boolean replaced(String xml, DomainSetting setting) {
        ReplacedSettings.recorded(parse(xml).documentElement, setting)
    }

    private static String givenBack(String xml, DomainSetting setting) {
        Document d = parse(xml)
        ReplacedSettings.giveBack(d.documentElement, setting) ? write(d, xml.endsWith('\n')) : xml
    }

    /**
     * The numatune memory rule (mode defaults to strict, as in libvirt), or null when none or when numad places the
     * memory ({@code placement='auto'}: no nodeset; libvirt writes it back itself for a {@code <vcpu placement='auto'>}
     * domain, so it is no rule passthru could remove).
     */
    static NumaMemory numaMemory(String xml) {
        Element mem = child(child(parse(xml).documentElement, 'numatune'), 'memory')
        mem == null || mem.getAttribute('placement') == 'auto' ? null
                : new NumaMemory(mem.getAttribute('mode') ?: 'strict', mem.getAttribute('nodeset'))
    }

    /**
     * The domain with its memory strictly on {@code node} (the rule it had before kept in its metadata), or, when
     * null, with the numatune memory rule it had before passthru set one (none, when it had none).
     */
    static String withNumaMemory(String xml, Integer node) {
        if (node == null) return givenBack(xml, DomainSetting.NUMA_MEMORY)
        if (numaMemory(xml) == NumaMemory.strict(node)) return xml
        Document d = parse(xml)
        Element root = d.documentElement
        ReplacedSettings.keep(root, DomainSetting.NUMA_MEMORY)
        Element tune = ensure(root, 'numatune', ['cputune', 'iothreads', 'vcpu'])
        Element mem = child(tune, 'memory')
        if (mem == null) { mem = d.createElement('memory'); append(tune, mem) }
        mem.removeAttribute('placement')
        mem.setAttribute('mode', 'strict')
        mem.setAttribute('nodeset', "${node}".toString())
        write(d, xml.endsWith('\n'))
    }

    /** Whether the domain's memory is backed by hugepages. */
    static boolean hugepages(String xml) {
        child(child(parse(xml).documentElement, 'memoryBacking'), 'hugepages') != null
    }

    /** Whether the domain's memory has an anonymous source: {@code <memoryBacking><source type='anonymous'/>}. */
    static boolean anonymousSource(String xml) {
        Element s = child(child(parse(xml).documentElement, 'memoryBacking'), 'source')
        s != null && s.getAttribute('type') == 'anonymous'
    }

    /** Whether the domain's memory is allocated on demand ({@code <memoryBacking><allocation mode='ondemand'/>}). */
    static boolean onDemandAllocation(String xml) {
        Element a = child(child(parse(xml).documentElement, 'memoryBacking'), 'allocation')
        a != null && a.getAttribute('mode') == 'ondemand'
    }

    /**
     * The domain with {@code <memoryBacking><hugepages/>} added (other memoryBacking settings kept), or, when
     * {@code on} is false, with the hugepages and allocation it had before passthru added them. Adding drops an
     * on-demand allocation mode, which libvirt refuses with hugepages ("hugepages are not allowed with memory
     * allocation ondemand"; an allocation element left with nothing else goes too) and an anonymous memory source
     * ("hugepages are not allowed with anonymous memory source", libvirt's memorybacking-unset.xml); what it replaces
     * is kept in the domain's metadata. A domain with hugepages already (any page sizes) is returned unchanged.
     */
    static String withHugepages(String xml, boolean on) {
        if (!on) return givenBack(xml, DomainSetting.HUGEPAGES)
        if (hugepages(xml) && !onDemandAllocation(xml) && !anonymousSource(xml)) return xml
        Document d = parse(xml)
        Element root = d.documentElement
        ReplacedSettings.keep(root, DomainSetting.HUGEPAGES)
        Element mb = ensure(root, 'memoryBacking', ['currentMemory', 'memory'])
        if (child(mb, 'hugepages') == null) append(mb, d.createElement('hugepages'))
        Element alloc = child(mb, 'allocation')
        if (alloc != null && alloc.getAttribute('mode') == 'ondemand') {
            alloc.removeAttribute('mode')
            if (alloc.attributes.length == 0 && children(alloc, null).isEmpty()) remove(alloc)
        }
        Element source = child(mb, 'source')
        if (source != null && source.getAttribute('type') == 'anonymous') remove(source)
        write(d, xml.endsWith('\n'))
    }

    // --- DOM helpers -------------------------------------------------------------------------

    private static PciAddress address(Element a) {
        try {
            PciAddress.parse(String.format('%04x:%02x:%02x.%x', Integer.decode(a.getAttribute('domain') ?: '0'),
                    Integer.decode(a.getAttribute('bus')),
                    Integer.decode(a.getAttribute('slot')), Integer.decode(a.getAttribute('function'))))
        } catch (Exception e) {
            throw new OutputFormatException("a <hostdev> source address cannot be read: " +
                    "domain='${a.getAttribute('domain')}' bus='${a.getAttribute('bus')}' " +
                    "slot='${a.getAttribute('slot')}' " +
                    "function='${a.getAttribute('function')}'")
        }
    }

    private static String hex(int v, int width) { String.format("%0${width}x", v) }

    private static Integer attrInt(Element e, String name) {
        e.hasAttribute(name) && e.getAttribute(name) ==~ /\d+/ ? e.getAttribute(name) as int : null
    }

    private static String text(Element e) { e == null ? null : e.textContent.trim() }
}
