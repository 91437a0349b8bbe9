package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node
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
 * The demo libvirt's own reading and printing of domain XML (the JDK's DOM, not passthru's readers):
 * libvirt's domain schema (formatdomain.html) gives a PCI host device as
 * {@code <hostdev type='pci'><source><address domain= bus= slot= function=/>} and huge pages as
 * {@code <memoryBacking><hugepages/>}; a definition is printed back with attributes in single quotes.
 */
@CompileStatic
final class DemoDomainXml {
    private DemoDomainXml() {}

    /** Parses a document; throws the parser's own exception for XML that is not well-formed. */
    static Document parse(String xml) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance()
        f.namespaceAware = true
        f.setFeature('http://apache.org/xml/features/disallow-doctype-decl', true)
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true)
        DocumentBuilder b = f.newDocumentBuilder()
        b.errorHandler = null
        b.parse(new InputSource(new StringReader(xml)))
    }

    /** The document as libvirt prints a definition back: no XML declaration, attributes in single quotes. */
    static String print(Document d) {
        Transformer t = TransformerFactory.newInstance().newTransformer()
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, 'yes')
        t.setOutputProperty(OutputKeys.ENCODING, 'UTF-8')
        StringWriter w = new StringWriter()
        t.transform(new DOMSource(d), new StreamResult(w))
        (w.toString() + '\n').replaceAll(/(\s[\w:.-]+)="([^"'<>]*)"/, "\$1='\$2'")
    }

    /** The first child element named {@code name}; null when there is none. */
    static Element child(Element parent, String name) {
        if (parent == null) return null
        for (Node n = parent.firstChild; n != null; n = n.nextSibling) {
            if (n.nodeType == Node.ELEMENT_NODE && ((Element) n).tagName == name) return (Element) n
        }
        null
    }

    /** The text of the root's child {@code name}, trimmed; null when absent. */
    static String text(Document d, String name) { child(d.documentElement, name)?.textContent?.trim() }

    /** The {@code <hostdev type='pci'>} elements under {@code <devices>}, in document order. */
    static List<Element> pciHostdevs(Document d) {
        Element devices = child(d.documentElement, 'devices')
        List<Element> out = []
        if (devices == null) return out
        for (Node n = devices.firstChild; n != null; n = n.nextSibling) {
            if (n.nodeType != Node.ELEMENT_NODE) continue
            Element e = (Element) n
            if (e.tagName == 'hostdev' && e.getAttribute('type') == 'pci') out << e
        }
        out
    }

    /** A hostdev's source address (attributes in hex or decimal, as libvirt accepts them); null when unreadable. */
    static PciAddress source(Element hostdev) {
        Element a = child(child(hostdev, 'source'), 'address')
        if (a == null) return null
        try {
            new PciAddress(Integer.decode(a.getAttribute('domain') ?: '0'), Integer.decode(a.getAttribute('bus')),
                    Integer.decode(a.getAttribute('slot')), Integer.decode(a.getAttribute('function')))
        } catch (RuntimeException ignored) { // a missing or malformed attribute
            null
        }
    }

    /** Whether the domain asks for huge pages ({@code <memoryBacking><hugepages/>}). */
    static boolean hugepages(Document d) { child(child(d.documentElement, 'memoryBacking'), 'hugepages') != null }
}
