package dev.passthru.spec.kvm

import dev.passthru.runtime.kvm.DomainSetting
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.IndentedDom
import dev.passthru.runtime.kvm.ReplacedSettings
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node

/**
 * Domain XMLs compared as libvirt reads them: whitespace between elements, attribute order, the order of children of
 * the elements passthru edits (libvirt's schema interleaves them) and passthru's own record in the metadata do not
 * count; optionally the elements passthru owns ({@link DomainSetting}) do not count either.
 */
final class DomainShape {
    private DomainShape() {}

    /** The same domain, passthru's record aside. */
    static boolean same(String a, String b) { normal(a, false).isEqualNode(normal(b, false)) }

    /**
     * The same, in any order of devices: libvirt orders the implicit controllers of a q35 domain differently when its
     * own dump is defined again (q35*.xml, usb-controller-*-q35.xml, pcie-*.xml, intel-iommu*.xml of its tests).
     */
    static boolean sameAnyDeviceOrder(String a, String b) {
        Element x = normal(a, false), y = normal(b, false)
        [x, y].each { Element root ->
            Element devices = IndentedDom.child(root, 'devices')
            if (devices == null) return
            List<Element> kids = IndentedDom.children(devices, null)
            kids.each { devices.removeChild(it) }
            kids.sort { Element e -> key(e) }.each { devices.appendChild(it) }
        }
        x.isEqualNode(y)
    }

    /** The same domain apart from the elements passthru owns (and its record). */
    static boolean sameExceptOwned(String a, String b) { normal(a, true).isEqualNode(normal(b, true)) }

    private static Element normal(String xml, boolean stripOwned) {
        Document d = DomainXml.parse(xml)
        Element root = d.documentElement
        Element metadata = IndentedDom.child(root, 'metadata')
        if (metadata != null) {
            IndentedDom.children(metadata, null).findAll { it.namespaceURI == ReplacedSettings.NAMESPACE }
                    .each { metadata.removeChild(it) }
            if (IndentedDom.children(metadata, null).isEmpty()) root.removeChild(metadata)
        }
        blanks(root)
        DomainSetting.values().each { DomainSetting s ->
            s.owned.each { DomainSetting.Owned o ->
                Element parent = IndentedDom.child(root, o.parent)
                if (parent == null) return
                if (stripOwned) {
                    IndentedDom.children(parent, null).findAll { o.names.contains(it.tagName) }
                            .each { parent.removeChild(it) }
                    if (!parent.hasChildNodes() && parent.attributes.length == 0) { root.removeChild(parent); return }
                }
                List<Element> kids = IndentedDom.children(parent, null)
                kids.each { parent.removeChild(it) }
                kids.sort { Element e -> key(e) }.each { parent.appendChild(it) }
            }
        }
        root
    }

    private static String key(Element e) {
        List<String> attrs = (0..<e.attributes.length).collect { int i -> e.attributes.item(i).toString() }.sort()
        "${e.tagName} ${attrs.join(' ')} ${e.textContent}".toString()
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
