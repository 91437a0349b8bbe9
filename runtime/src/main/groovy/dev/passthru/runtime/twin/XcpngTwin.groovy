package dev.passthru.runtime.twin

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoCpu
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoNumaNode
import dev.passthru.runtime.demo.DemoState
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/** An XCP-ng twin's keys (docs/twins.md) to and from the XCP-ng simulator's state. */
@CompileStatic
final class XcpngTwin {
    static final List<String> TOP = ['twin', 'flavour', 'label', 'version', 'xen_version', 'iommu', 'free_memory_mib',
                                     'cpus', 'numa', 'boot', 'pci', 'vms', 'gpu', 'usb']
    static final List<String> NUMA = ['node', 'memsize_mib', 'memfree_mib', 'distances']
    static final List<String> BOOT = ['number', 'id', 'xen_cmdline', 'extra_guest_irqs', 'dom0_cmdline', 'hide',
                                      'hidden', 'next_xen_cmdline', 'next_dom0_cmdline']
    static final List<String> PCI = ['address', 'lspci', 'subsystem', 'driver', 'numa_node', 'physfn']
    static final List<String> VM = ['uuid', 'name', 'power_state', 'memory', 'other_config', 'vcpus_params',
                                    'platform', 'hvm_boot_policy']

    private XcpngTwin() {}

    /** The twin file's content for {@code s}, named {@code label}. */
    static Map<String, Object> toMap(DemoState s, String label) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.twin = TwinFile.VERSION
        m.flavour = 'xcp-ng'
        m.label = label
        m.version = s.version
        m.xen_version = s.xenVersion
        m.iommu = s.iommu
        m.free_memory_mib = s.freeMemoryMib
        m.cpus = s.cpus.collect { DemoCpu c -> TwinCpus.toMap(c) }
        m.numa = s.numa.collect { DemoNumaNode n ->
            [node: n.node, memsize_mib: n.memsizeMib, memfree_mib: n.memfreeMib, distances: n.distances]
                    as Map<String, Object>
        }
        m.boot = [number: s.boots, id: s.bootId, xen_cmdline: s.xenCmdline, extra_guest_irqs: s.extraGuestIrqs,
                  dom0_cmdline: s.dom0Cmdline,
                  hide: s.hideConfigured.collect { DemoLspci.slot(it) },
                  hidden: s.assignable.collect { DemoLspci.slot(it) }] as Map<String, Object>
        // the next boot's lines only when they differ from the running ones (so files of a host without are unchanged)
        if (s.nextXenCmdline != null) ((Map<String, Object>) m.boot).next_xen_cmdline = s.nextXenCmdline
        if (s.nextDom0Cmdline != null) ((Map<String, Object>) m.boot).next_dom0_cmdline = s.nextDom0Cmdline
        m.pci = s.pci.keySet().collect { PciAddress a ->
            Map<String, Object> p = new LinkedHashMap<>()
            p.address = DemoLspci.slot(a)
            p.lspci = s.pci[a]
            p.subsystem = s.subsystems[a]
            p.driver = s.drivers[a]
            p.numa_node = s.nodes[a]
            if (s.physfn[a] != null) p.physfn = DemoLspci.slot(s.physfn[a])
            p
        }
        m.vms = s.vms.values().collect { DemoState.Vm v ->
            [uuid: v.uuid, name: v.name, power_state: v.powerState, memory: v.memory,
             other_config: new LinkedHashMap<String, Object>(v.otherConfig),
             vcpus_params: new LinkedHashMap<String, Object>(v.vcpusParams)] as Map<String, Object>
        }
        Map<String, Object> gpu = XcpngTwinGpu.toMap(s.gpu)
        if (gpu != null) m.gpu = gpu
        // USB keys only when the host has some (files of hosts without are unchanged)
        s.vms.values().eachWithIndex { DemoState.Vm v, int i ->
            Map<String, Object> vm = ((List<Map<String, Object>>) m.vms)[i]
            if (v.platform) vm.platform = new LinkedHashMap<String, Object>(v.platform)
            if (v.hvmBootPolicy != new DemoState.Vm('', '', '').hvmBootPolicy) vm.hvm_boot_policy = v.hvmBootPolicy
        }
        if (XcpngUsbTwin.worthWriting(s.usb)) m.usb = XcpngUsbTwin.toMap(s.usb)
        m
    }

    /** The state an XCP-ng twin file describes. */
    static DemoState read(TwinFields f) {
        f.map([], TOP)
        DemoState s = new DemoState()
        s.label = f.string(['label'])
        s.version = f.string(['version'])
        // keys added after twin: 1 was first written are optional: a file without them gets the demo's values
        if (f.has([], 'xen_version')) s.xenVersion = f.string(['xen_version'])
        s.iommu = f.bool(['iommu'])
        s.freeMemoryMib = f.number(['free_memory_mib'])
        s.cpus = TwinCpus.read(f, ['cpus'])
        if (f.has([], 'numa')) s.numa = numa(f)
        f.map(['boot'], BOOT)
        s.boots = f.integer(['boot', 'number'])
        s.bootId = f.string(['boot', 'id'])
        if (f.has(['boot'], 'xen_cmdline')) s.xenCmdline = f.string(['boot', 'xen_cmdline'])
        s.extraGuestIrqs = f.optString(['boot', 'extra_guest_irqs'])
        if (f.has(['boot'], 'dom0_cmdline')) s.dom0Cmdline = f.string(['boot', 'dom0_cmdline'])
        if (f.has(['boot'], 'next_xen_cmdline')) s.nextXenCmdline = f.optString(['boot', 'next_xen_cmdline'])
        if (f.has(['boot'], 'next_dom0_cmdline')) s.nextDom0Cmdline = f.optString(['boot', 'next_dom0_cmdline'])
        s.hideConfigured = addresses(f, ['boot', 'hide'])
        s.assignable = addresses(f, ['boot', 'hidden'])
        List<Object> pci = f.list(['pci'])
        (0..<pci.size()).each { int i ->
            List<Object> at = ['pci', (Object) i]
            f.map(at, PCI)
            PciAddress a = f.address(child(at, 'address'))
            s.pci[a] = f.string(child(at, 'lspci'))
            s.subsystems[a] = f.optString(child(at, 'subsystem'))
            s.drivers[a] = f.optString(child(at, 'driver'))
            s.nodes[a] = f.integer(child(at, 'numa_node'))
            if (f.has(at, 'physfn')) s.physfn[a] = f.address(child(at, 'physfn'))
        }
        List<Object> vms = f.list(['vms'])
        (0..<vms.size()).each { int i ->
            List<Object> at = ['vms', (Object) i]
            f.map(at, VM)
            DemoState.Vm v = new DemoState.Vm(f.string(child(at, 'uuid')), f.string(child(at, 'name')),
                    f.string(child(at, 'power_state')))
            v.memory = f.number(child(at, 'memory'))
            v.otherConfig.putAll(f.stringMap(child(at, 'other_config')))
            v.vcpusParams.putAll(f.stringMap(child(at, 'vcpus_params')))
            if (f.has(at, 'platform')) v.platform.putAll(f.stringMap(child(at, 'platform')))
            if (f.has(at, 'hvm_boot_policy')) v.hvmBootPolicy = f.string(child(at, 'hvm_boot_policy'))
            s.vms[v.uuid] = v
        }
        XcpngTwinGpu.read(f, s.gpu)
        s.usb = XcpngUsbTwin.read(f)
        s
    }

    private static List<DemoNumaNode> numa(TwinFields f) {
        List<Object> l = f.list(['numa'])
        (0..<l.size()).collect { int i ->
            List<Object> at = ['numa', (Object) i]
            f.map(at, NUMA)
            List<Object> d = f.list(child(at, 'distances'))
            new DemoNumaNode(f.integer(child(at, 'node')), f.number(child(at, 'memsize_mib')),
                    f.number(child(at, 'memfree_mib')),
                    (0..<d.size()).collect { int j -> f.integer(child(child(at, 'distances'), j)) })
        }
    }

    private static List<PciAddress> addresses(TwinFields f, List<Object> path) {
        List<Object> l = f.list(path)
        (0..<l.size()).collect { int i -> f.address(child(path, i)) }
    }
}
