package dev.passthru.runtime.kvm

import static dev.passthru.runtime.kvm.IndentedDom.append
import static dev.passthru.runtime.kvm.IndentedDom.child
import static dev.passthru.runtime.kvm.IndentedDom.children
import static dev.passthru.runtime.kvm.IndentedDom.ensure
import static dev.passthru.runtime.kvm.IndentedDom.remove

import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node

/**
 * What passthru replaced in a domain, kept in the domain itself (as FILE.passthru.orig keeps a file): the elements a
 * {@link DomainSetting} held before passthru first edited it, inside libvirt's {@code <metadata>} under passthru's own
 * namespace, which libvirt keeps with the domain. An undo gives them back and drops the record; a setting with no
 * record was never changed by passthru, so there is nothing to give back.
 * <pre>
 * &lt;metadata&gt;
 *   &lt;passthru:replaced xmlns:passthru='https://passthru.dev/xmlns/libvirt/domain/1'&gt;
 *     &lt;passthru:pinning&gt;              (the parent element is there when the domain had it)
 *       &lt;cputune&gt;&lt;vcpupin vcpu='0' cpuset='7'/&gt;&lt;/cputune&gt;
 *       &lt;cpu&gt;&lt;topology sockets='3' dies='1' cores='2' threads='1'/&gt;&lt;/cpu&gt;
 *     &lt;/passthru:pinning&gt;
 * </pre>
 */
@CompileStatic
final class ReplacedSettings {
    /** passthru's XML namespace in a domain's metadata. */
    static final String NAMESPACE = 'https://passthru.dev/xmlns/libvirt/domain/1'
    private static final String PREFIX = 'passthru'
    private static final String RECORD = 'replaced'

    private ReplacedSettings() {}

    /** Whether the domain holds a record of what {@code setting} was before passthru changed it. */
    static boolean recorded(Element domain, DomainSetting setting) { entry(domain, setting) != null }

    /** Records what {@code setting} holds now, unless a record of it is there already (the first original wins). */
    static void keep(Element domain, DomainSetting setting) {
        if (recorded(domain, setting)) return
        Document d = domain.ownerDocument
        Element metadata = ensure(domain, 'metadata', ['description', 'title', 'genid', 'uuid', 'name'])
        Element record = recordOf(domain)
        if (record == null) {
            record = d.createElementNS(NAMESPACE, "${PREFIX}:${RECORD}".toString())
            record.setAttributeNS('http://www.w3.org/2000/xmlns/', "xmlns:${PREFIX}".toString(), NAMESPACE)
            append(metadata, record)
        }
        Element entry = d.createElementNS(NAMESPACE, "${PREFIX}:${setting.record}".toString())
        append(record, entry)
        setting.owned.each { DomainSetting.Owned o ->
            Element parent = child(domain, o.parent)
            if (parent == null) return
            Element copy = d.createElement(o.parent)
            append(entry, copy)
            owned(parent, o).each { Element e -> append(copy, (Element) e.cloneNode(true)) }
        }
    }

    /**
     * Gives {@code setting} back what it held before passthru changed it, and drops the record; false (the domain
     * unchanged) when there is no record. A parent element the domain did not have goes again when left empty.
     */
    static boolean giveBack(Element domain, DomainSetting setting) {
        Element entry = entry(domain, setting)
        if (entry == null) return false
        setting.owned.each { DomainSetting.Owned o ->
            Element parent = child(domain, o.parent)
            if (parent != null) owned(parent, o).each { remove(it) }
            Element copy = child(entry, o.parent)
            if (copy != null) {
                Element target = ensure(domain, o.parent, o.after)
                children(copy, null).each { Element e -> append(target, (Element) e.cloneNode(true)) }
            } else if (parent != null && children(parent, null).isEmpty() && parent.attributes.length == 0) {
                remove(parent)
            }
        }
        Element record = (Element) entry.parentNode
        remove(entry)
        if (children(record, null).isEmpty()) {
            Element metadata = (Element) record.parentNode
            remove(record)
            if (children(metadata, null).isEmpty()) remove(metadata)
        }
        true
    }

    private static List<Element> owned(Element parent, DomainSetting.Owned o) {
        children(parent, null).findAll { Element e -> e.namespaceURI == null && o.names.contains(e.tagName) }
    }

    private static Element recordOf(Element domain) {
        Element metadata = child(domain, 'metadata')
        metadata == null ? null : named(metadata, RECORD)
    }

    private static Element entry(Element domain, DomainSetting setting) {
        Element record = recordOf(domain)
        record == null ? null : named(record, setting.record)
    }

    private static Element named(Element parent, String localName) {
        for (Node n = parent.firstChild; n != null; n = n.nextSibling) {
            if (n.nodeType == Node.ELEMENT_NODE && n.namespaceURI == NAMESPACE && n.localName == localName) {
                return (Element) n
            }
        }
        null
    }
}
