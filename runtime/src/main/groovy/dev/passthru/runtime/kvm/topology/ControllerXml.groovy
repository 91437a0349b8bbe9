package dev.passthru.runtime.kvm.topology

import static dev.passthru.runtime.kvm.IndentedDom.append
import static dev.passthru.runtime.kvm.IndentedDom.child
import static dev.passthru.runtime.kvm.IndentedDom.children
import static dev.passthru.runtime.kvm.IndentedDom.insertAfter
import static dev.passthru.runtime.kvm.IndentedDom.remove
import static dev.passthru.runtime.kvm.topology.XmlNumbers.attr
import static dev.passthru.runtime.kvm.topology.XmlNumbers.hex

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element
import org.w3c.dom.Node

/**
 * The device half of a mirrored layout in a domain's {@code <devices>}: passthru's PCI controllers (marked by their
 * {@code ua-passthru-} alias; an index kept once given, new ones after the highest index there is, chassis unique),
 * the hostdevs on their ports (a hostdev already there is moved, not added twice), and pcie-root's 64-bit MMIO window.
 * Every other device is kept as it is. Each change adds a plan line.
 */
@CompileStatic
final class ControllerXml {
    private final Element devices
    private final List<String> diff
    private final Map<String, Integer> indexes = [:]

    ControllerXml(Element devices, List<String> diff) {
        this.devices = devices
        this.diff = diff
    }

    /** Writes the layout's controllers, hostdevs and MMIO window. */
    void apply(GuestLayout layout) {
        controllers(layout)
        layout.hostdevs.each { HostdevPlacement h -> hostdev(h) }
        if (layout.mmioKiB > 0) mmio(layout)
    }

    private List<Element> pciControllers() {
        children(devices, 'controller').findAll { Element c -> c.getAttribute('type') == 'pci' }
    }

    private static String alias(Element e) { child(e, 'alias')?.getAttribute('name') ?: '' }

    private void controllers(GuestLayout layout) {
        Map<String, Element> owned = [:]
        pciControllers().findAll { alias(it).startsWith(GuestController.ALIAS_PREFIX) }.each { owned[alias(it)] = it }
        Set<String> wanted = layout.controllers*.alias.toSet()
        owned.findAll { String a, Element e -> !wanted.contains(a) }.each { String a, Element e ->
            diff << "- ${e.getAttribute('model')} ${a} (no passed device below it now)".toString()
            remove(e)
        }
        int next = ((pciControllers().collect { attr(it, 'index') ?: 0L }.max() ?: 0L) as int) + 1
        layout.controllers.each { GuestController c ->
            Element e = owned[c.alias]
            indexes[c.alias] = e != null && wanted.contains(c.alias) && attr(e, 'index') != null ?
                    (attr(e, 'index') as int) : next++
        }
        Set<Long> taken = pciControllers().findAll { !alias(it).startsWith(GuestController.ALIAS_PREFIX) }
                .collect { attr(child(it, 'target'), 'chassis') }.findAll { it != null }.toSet()
        layout.controllers.each { GuestController c -> controller(c, owned[c.alias], taken) }
    }

    private void controller(GuestController c, Element existing, Set<Long> taken) {
        int index = indexes[c.alias]
        Element e = existing
        if (e == null) {
            e = devices.ownerDocument.createElement('controller')
            placeAfterLast(e, 'controller')
        }
        List<String> was = existing == null ? [] : describe(existing)
        e.setAttribute('type', 'pci')
        e.setAttribute('index', String.valueOf(index))
        e.setAttribute('model', c.kind.model)
        Element target = child(e, 'target')
        if (c.kind == ControllerKind.EXPANDER || c.kind.hasChassis()) {
            if (target == null) target = insert(e, 'target', child(e, 'alias') ?: child(e, 'address'))
        }
        if (c.kind == ControllerKind.EXPANDER) {
            setIfDiffers(target, 'busNr', c.busNr, String.valueOf(c.busNr))
            Element node = child(target, 'node')
            if (node == null) { node = devices.ownerDocument.createElement('node'); append(target, node) }
            if (node.textContent.trim() != String.valueOf(c.cell)) node.textContent = String.valueOf(c.cell)
        } else if (c.kind.hasChassis()) {
            long chassis = taken.contains((long) index) ? (1L..255L).find { !taken.contains(it) } as long : index
            taken << chassis
            setIfDiffers(target, 'chassis', chassis, String.valueOf(chassis))
            setIfDiffers(target, 'port', (long) c.slot, hex(c.slot, 1))
        }
        if (child(e, 'alias') == null) {
            Element a = insert(e, 'alias', child(e, 'address'))
            a.setAttribute('name', c.alias)
        }
        if (c.parent != null) address(e, indexes[c.parent], c.slot, 0, false)
        if (existing == null) {
            diff << "+ ${c.describe()} (controller ${index}${c.parent == null ? '' : ", on ${parentLabel(c)}"})"
                    .toString()
        } else if (describe(e) != was) {
            diff << "~ ${c.describe()} (was ${was.join(' ')}; now ${describe(e).join(' ')})".toString()
        }
    }

    private String parentLabel(GuestController c) { "controller ${indexes[c.parent]} slot ${c.slot}" }

    /** The numbers that place a controller, for a plan line: index, busNr/node or chassis/port, bus/slot. */
    private static List<String> describe(Element e) {
        Element t = child(e, 'target')
        Element a = child(e, 'address')
        ["index ${attr(e, 'index')}", "busNr ${attr(t, 'busNr')}", "node ${child(t, 'node')?.textContent?.trim()}",
         "chassis ${attr(t, 'chassis')}", "port ${attr(t, 'port')}", "bus ${attr(a, 'bus')}", "slot ${attr(a, 'slot')}"]
                .findAll { !it.endsWith(' null') }*.toString()
    }

    private static void setIfDiffers(Element e, String name, long value, String text) {
        if (attr(e, name) != value) e.setAttribute(name, text)
    }

    /** A new child named {@code name} before {@code before} (or last), indented like its siblings. */
    private static Element insert(Element parent, String name, Element before) {
        Element e = parent.ownerDocument.createElement(name)
        append(parent, e)
        if (before != null) {
            Node ws = e.previousSibling
            parent.insertBefore(e, before)
            if (ws != null && ws.nodeType == Node.TEXT_NODE) parent.insertBefore(ws, before)
        }
        e
    }

    /** Puts a new {@code e} after the last child named {@code name} of the devices (or last of all). */
    private void placeAfterLast(Element e, String name) {
        List<Element> same = children(devices, name)
        if (same) insertAfter(devices, same.last(), e) else append(devices, e)
    }

    private static void address(Element e, int bus, int slot, int function, boolean multifunction) {
        Element a = child(e, 'address')
        if (a == null) a = insert(e, 'address', null)
        if (a.getAttribute('type') != 'pci') {
            while (a.attributes.length > 0) a.removeAttribute(a.attributes.item(0).nodeName)
            a.setAttribute('type', 'pci')
        }
        if (attr(a, 'domain') != 0L) a.setAttribute('domain', '0x0000')
        setIfDiffers(a, 'bus', bus, hex(bus, 2))
        setIfDiffers(a, 'slot', slot, hex(slot, 2))
        setIfDiffers(a, 'function', function, hex(function, 1))
        if (multifunction) a.setAttribute('multifunction', 'on') else a.removeAttribute('multifunction')
    }

    private void hostdev(HostdevPlacement h) {
        int bus = indexes[h.port]
        Element e = children(devices, 'hostdev').find { Element d ->
            d.getAttribute('type') == 'pci' && source(d) == h.host
        }
        String where = "${h.portLabel} (controller ${bus})"
        boolean added = e == null
        if (added) e = newHostdev(h.host)
        Element a = child(e, 'address')
        String was = a == null ? 'where libvirt placed it' : "bus ${attr(a, 'bus')} slot ${attr(a, 'slot')}"
        String before = attrs(a)
        address(e, bus, 0, h.host.function, h.multifunction)
        if (added) diff << "+ hostdev ${h.host} on ${where}".toString()
        else if (attrs(child(e, 'address')) != before) {
            diff << "~ hostdev ${h.host} moved to ${where}, from ${was}".toString()
        }
    }

    /** A managed {@code <hostdev>} for host function {@code a}, after the last hostdev (or last of the devices). */
    private Element newHostdev(PciAddress a) {
        Document d = devices.ownerDocument
        Element e = d.createElement('hostdev')
        e.setAttribute('mode', 'subsystem')
        e.setAttribute('type', 'pci')
        e.setAttribute('managed', 'yes')
        placeAfterLast(e, 'hostdev')
        Element source = d.createElement('source')
        append(e, source)
        Element sa = d.createElement('address')
        sa.setAttribute('domain', hex(a.domain, 4))
        sa.setAttribute('bus', hex(a.bus, 2))
        sa.setAttribute('slot', hex(a.slot, 2))
        sa.setAttribute('function', hex(a.function, 1))
        append(source, sa)
        e
    }

    private static String attrs(Element a) {
        a == null ? '(none)' : ['type', 'domain', 'bus', 'slot', 'function', 'multifunction']
                .collect { "${it}=${a.getAttribute(it)}" }.join(' ')
    }

    private static PciAddress source(Element hostdev) {
        Element a = child(child(hostdev, 'source'), 'address')
        a == null ? null : new PciAddress((attr(a, 'domain') ?: 0L) as int, attr(a, 'bus') as int,
                attr(a, 'slot') as int, attr(a, 'function') as int)
    }

    private void mmio(GuestLayout layout) {
        Element root = pciControllers().find { it.getAttribute('model') == 'pcie-root' }
        if (root == null) {
            root = devices.ownerDocument.createElement('controller')
            root.setAttribute('type', 'pci')
            root.setAttribute('index', '0')
            root.setAttribute('model', 'pcie-root')
            placeAfterLast(root, 'controller')
        }
        Element hole = child(root, 'pcihole64')
        Long now = XmlNumbers.kib(hole)
        if (now != null && now >= layout.mmioKiB) return
        if (hole == null) { hole = devices.ownerDocument.createElement('pcihole64'); append(root, hole) }
        hole.setAttribute('unit', 'KiB')
        hole.textContent = String.valueOf(layout.mmioKiB)
        diff << ("+ pcie-root pcihole64 ${layout.mmioKiB} KiB (${MmioWindow.human(layout.mmioKiB * 1024L)}" +
                "${now == null ? '' : ', was ' + MmioWindow.human(now * 1024L)}): the passed devices' BARs total " +
                "${MmioWindow.human(layout.barBytes)}, and the guest firmware must fit them in the 64-bit PCI " +
                'window; a smaller one leaves GPUs unprobed').toString()
    }
}
