package dev.passthru.runtime.kvm.topology

import static dev.passthru.runtime.kvm.IndentedDom.append
import static dev.passthru.runtime.kvm.IndentedDom.child
import static dev.passthru.runtime.kvm.IndentedDom.children
import static dev.passthru.runtime.kvm.IndentedDom.ensure
import static dev.passthru.runtime.kvm.IndentedDom.remove

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.MirrorArgs
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.Pinning
import groovy.transform.CompileStatic
import org.w3c.dom.Document
import org.w3c.dom.Element

/**
 * Pure: writes a {@link GuestLayout} into a domain XML and says what changed. It owns the vCPU count, memory size,
 * vCPU and emulator pinning with the guest topology, the {@code <cpu><numa>} cells, {@code <numatune>}, I/O threads
 * (when asked), hugepage backing (when asked) and, through {@link ControllerXml}, passthru's PCI controllers, the
 * devices' hostdevs and pcie-root's 64-bit window; everything else in the domain is kept. Applied to its own output
 * (or libvirt's read-back of it) it changes nothing.
 */
@CompileStatic
final class TopologyXml {
    private TopologyXml() {}

    /** The machine type ({@code <os><type machine=...>}), or null when the domain names none. */
    static String machine(String xml) {
        Element type = child(child(DomainXml.parse(xml).documentElement, 'os'), 'type')
        type?.hasAttribute('machine') ? type.getAttribute('machine') : null
    }

    /** Whether a machine type is QEMU's q35 ({@code q35}, {@code pc-q35-7.2}). */
    static boolean isQ35(String machine) { machine != null && (machine == 'q35' || machine.startsWith('pc-q35-')) }

    /** Why a domain cannot take a mirrored layout, or null when it can. */
    static String refusal(String xml, String vm) {
        String m = machine(xml)
        isQ35(m) ? null : "VM '${vm}' is a ${m ?: 'default (i440fx)'} machine: mirrorTopology needs q35, the only " +
                'machine with PCI Express (pcie-expander-bus, root and switch ports); change <type machine=...> to ' +
                "q35 (the guest sees new hardware) or create the VM as q35"
    }

    /** The domain with the layout written in. */
    static MirroredDomain apply(String xml, GuestLayout layout, String vm) {
        String no = refusal(xml, vm)
        if (no) throw new StepFailedException(no)
        List<String> diff = []
        String out = pinning(xml, layout, diff)
        Document d = DomainXml.parse(out)
        Element root = d.documentElement
        sizes(root, layout, diff)
        cells(root, layout, diff)
        numatune(root, layout, diff)
        if (layout.iothreads > 0) iothreads(root, layout, diff)
        if (layout.hugepages) hugepages(root, diff)
        new ControllerXml(ensure(root, 'devices', []), diff).apply(layout)
        new MirroredDomain(diff ? DomainXml.write(d, xml.endsWith('\n')) : xml, diff)
    }

    private static String pinning(String xml, GuestLayout layout, List<String> diff) {
        Map<Integer, String> pins = [:]
        layout.cells.each { GuestCell c ->
            c.hostCpus.eachWithIndex { Integer cpu, int i -> pins[c.firstVcpu + i] = String.valueOf(cpu) }
        }
        Pinning want = new Pinning(pins, layout.housekeeping.toString(), layout.topology)
        Pinning now = DomainXml.pinning(xml)
        if (now == want) return xml
        diff << "- ${now.describe()}".toString() << "+ ${want.describe()}".toString()
        DomainXml.withPinning(xml, want)
    }

    private static void sizes(Element root, GuestLayout layout, List<String> diff) {
        Element vcpu = ensure(root, 'vcpu', ['currentMemory', 'memory'])
        if (vcpu.textContent.trim() != String.valueOf(layout.vcpus())) {
            diff << "~ vcpu ${vcpu.textContent.trim() ?: '(none)'} -> ${layout.vcpus()}".toString()
            vcpu.textContent = String.valueOf(layout.vcpus())
        }
        ['memory', 'currentMemory'].each { String name ->
            Element e = ensure(root, name, name == 'memory' ? ['maxMemory', 'name'] : ['memory'])
            Long now = XmlNumbers.kib(e)
            if (now != layout.memoryKiB()) {
                String was = now == null ? '(none)' : MirrorArgs.size(now)
                diff << "~ ${name} ${was} -> ${MirrorArgs.size(layout.memoryKiB())}".toString()
                e.setAttribute('unit', 'KiB')
                e.textContent = String.valueOf(layout.memoryKiB())
            }
        }
    }

    private static void cells(Element root, GuestLayout layout, List<String> diff) {
        Element numa = ensure(ensure(root, 'cpu', ['features', 'os']), 'numa', [])
        Set<String> wanted = layout.cells*.id.collect { String.valueOf(it) }.toSet()
        children(numa, 'cell').findAll { !wanted.contains(it.getAttribute('id')) }.each { Element c ->
            diff << "- numa cell ${c.getAttribute('id')}".toString()
            remove(c)
        }
        layout.cells.each { GuestCell c ->
            Element e = children(numa, 'cell').find { it.getAttribute('id') == String.valueOf(c.id) }
            boolean added = e == null
            if (added) {
                e = root.ownerDocument.createElement('cell')
                e.setAttribute('id', String.valueOf(c.id))
                append(numa, e)
            }
            String line = "numa cell ${c.id}: vCPUs ${c.vcpus()} on host node ${c.hostNode} CPUs " +
                    "${CpuSet.of(c.hostCpus)}, ${MirrorArgs.size(c.memoryKiB)}"
            if (e.getAttribute('cpus') != c.vcpus() ||
                    XmlNumbers.kib(e.getAttribute('memory'), e.getAttribute('unit')) != c.memoryKiB) {
                diff << "${added ? '+' : '~'} ${line}".toString()
                e.setAttribute('cpus', c.vcpus())
                e.setAttribute('memory', String.valueOf(c.memoryKiB))
                e.setAttribute('unit', 'KiB')
            }
        }
    }

    private static void numatune(Element root, GuestLayout layout, List<String> diff) {
        Element tune = ensure(root, 'numatune', ['cputune', 'iothreads', 'vcpu'])
        String nodes = CpuSet.of(layout.cells*.hostNode).toString()
        Element mem = child(tune, 'memory')
        if (mem == null || mem.getAttribute('mode') != 'strict' || mem.getAttribute('nodeset') != nodes ||
                mem.hasAttribute('placement')) {
            diff << "+ numatune memory strict on host node${layout.cells.size() > 1 ? 's' : ''} ${nodes}".toString()
            if (mem == null) {
                mem = root.ownerDocument.createElement('memory')
                append(tune, mem)
                if (children(tune, null).size() > 1) tune.insertBefore(mem, children(tune, null).first())
            }
            mem.removeAttribute('placement')
            mem.setAttribute('mode', 'strict')
            mem.setAttribute('nodeset', nodes)
        }
        Set<String> cellIds = layout.cells*.id.collect { String.valueOf(it) }.toSet()
        children(tune, 'memnode').findAll { !cellIds.contains(it.getAttribute('cellid')) }.each { remove(it) }
        layout.cells.each { GuestCell c ->
            Element n = children(tune, 'memnode').find { it.getAttribute('cellid') == String.valueOf(c.id) }
            String node = String.valueOf(c.hostNode)
            if (n != null && n.getAttribute('mode') == 'strict' && n.getAttribute('nodeset') == node) return
            if (n == null) { n = root.ownerDocument.createElement('memnode'); append(tune, n) }
            n.setAttribute('cellid', String.valueOf(c.id))
            n.setAttribute('mode', 'strict')
            n.setAttribute('nodeset', String.valueOf(c.hostNode))
            diff << "+ numatune memnode cell ${c.id} strict on host node ${c.hostNode}".toString()
        }
    }

    private static void iothreads(Element root, GuestLayout layout, List<String> diff) {
        Element count = ensure(root, 'iothreads', ['vcpu'])
        if (count.textContent.trim() != String.valueOf(layout.iothreads)) {
            diff << "~ iothreads ${count.textContent.trim() ?: '(none)'} -> ${layout.iothreads}".toString()
            count.textContent = String.valueOf(layout.iothreads)
        }
        Element tune = ensure(root, 'cputune', ['iothreads', 'vcpu'])
        String cpus = layout.housekeeping.toString()
        (1..layout.iothreads).each { int id ->
            Element pin = children(tune, 'iothreadpin').find { it.getAttribute('iothread') == String.valueOf(id) }
            if (pin != null && pin.getAttribute('cpuset') == cpus) return
            if (pin == null) {
                pin = root.ownerDocument.createElement('iothreadpin')
                pin.setAttribute('iothread', String.valueOf(id))
                append(tune, pin)
            }
            pin.setAttribute('cpuset', cpus)
            diff << "+ iothreadpin ${id} on host CPUs ${cpus}".toString()
        }
    }

    private static void hugepages(Element root, List<String> diff) {
        Element mb = ensure(root, 'memoryBacking', ['currentMemory', 'memory'])
        if (child(mb, 'hugepages') == null) {
            append(mb, root.ownerDocument.createElement('hugepages'))
            diff << '+ memoryBacking hugepages'
        }
        Element alloc = child(mb, 'allocation')
        if (alloc == null || alloc.getAttribute('mode') != 'immediate') {
            if (alloc == null) { alloc = root.ownerDocument.createElement('allocation'); append(mb, alloc) }
            String was = alloc.getAttribute('mode') ? " (was ${alloc.getAttribute('mode')})" : ''
            diff << "+ memoryBacking allocation immediate${was}: the nodes' hugepages taken at start".toString()
            alloc.setAttribute('mode', 'immediate')
        }
    }
}
