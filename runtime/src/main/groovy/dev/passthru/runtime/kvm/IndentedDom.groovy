package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic
import org.w3c.dom.Element
import org.w3c.dom.Node

/**
 * Edits of a DOM element tree that keep the document's indentation, as libvirt prints it: a new element is
 * indented like its neighbours, a removed one takes its indentation with it. Used by {@link DomainXml}.
 */
@CompileStatic
final class IndentedDom {
    private IndentedDom() {}

    /** The first element child of {@code parent} named {@code name}; null when there is none (or no parent). */
    static Element child(Element parent, String name) {
        parent == null ? null : children(parent, name).find()
    }

    /** The element children of {@code parent} named {@code name} (any name when null), in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = []
        for (Node n = parent.firstChild; n != null; n = n.nextSibling) {
            if (n.nodeType == Node.ELEMENT_NODE && (name == null || ((Element) n).tagName == name)) out << (Element) n
        }
        out
    }

    /**
     * The child named {@code name}, created after the first of {@code after} that exists (else at the end) when
     * missing.
     */
    static Element ensure(Element parent, String name, List<String> after) {
        Element e = child(parent, name)
        if (e != null) return e
        e = parent.ownerDocument.createElement(name)
        Element anchor = after.collect { child(parent, it) }.find { it != null }
        if (anchor == null) append(parent, e) else insertAfter(parent, anchor, e)
        e
    }

    private static String indentOf(Element e) {
        Node prev = e.previousSibling
        if (prev == null || prev.nodeType != Node.TEXT_NODE) return ''
        String t = prev.textContent
        int nl = t.lastIndexOf('\n')
        nl < 0 ? '' : t.substring(nl + 1)
    }

    /** Inserts {@code e} right after {@code anchor}, a child of {@code parent}, indented like it. */
    static void insertAfter(Element parent, Element anchor, Element e) {
        Node next = anchor.nextSibling
        parent.insertBefore(parent.ownerDocument.createTextNode('\n' + indentOf(anchor)), next)
        parent.insertBefore(e, next)
    }

    /** Appends {@code e} as the last child of {@code parent}, indented one level deeper than the parent. */
    static void append(Element parent, Element e) {
        String indent = indentOf(parent)
        String inner = indent + '  '
        Node last = parent.lastChild
        if (last != null && last.nodeType == Node.TEXT_NODE && last.textContent.trim().isEmpty()) {
            parent.insertBefore(parent.ownerDocument.createTextNode('\n' + inner), last)
            parent.insertBefore(e, last)
        } else {
            parent.appendChild(parent.ownerDocument.createTextNode('\n' + inner))
            parent.appendChild(e)
            parent.appendChild(parent.ownerDocument.createTextNode('\n' + indent))
        }
    }

    /**
     * Removes an element with the indentation before it; a parent left with only whitespace becomes empty
     * ({@code <cpu .../>}).
     */
    static void remove(Element e) {
        Element parent = (Element) e.parentNode
        Node prev = e.previousSibling
        if (prev != null && prev.nodeType == Node.TEXT_NODE && prev.textContent.trim().isEmpty()) {
            parent.removeChild(prev)
        }
        parent.removeChild(e)
        if (children(parent, null).isEmpty() && parent.textContent.trim().isEmpty()) {
            while (parent.firstChild != null) parent.removeChild(parent.firstChild)
        }
    }
}
