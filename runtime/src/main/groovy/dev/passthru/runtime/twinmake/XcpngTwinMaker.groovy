package dev.passthru.runtime.twinmake

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoCpu
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoNumaNode
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngFacts
import dev.passthru.runtime.xcpng.XcpngOutput
import dev.passthru.runtime.xcpng.XenNumaNode
import groovy.transform.CompileStatic

/**
 * Makes an XCP-ng twin from what a host or a recording answers (read-only): the reads passthru's XCP-ng facts make,
 * parsed with passthru's own parsers, plus dom0's /proc/cmdline and each VM's memory-static-max. A key the source
 * does not answer keeps the built-in demo's value (docs/twins.md) and is listed as not derived, with why.
 */
@CompileStatic
final class XcpngTwinMaker {
    private final TwinReads reads
    private final DemoState s = new DemoState()
    private final List<String> notDerived = []

    private XcpngTwinMaker(TwinReads reads) { this.reads = reads }

    /** The twin of the host {@code reads} reads, named {@code label}, made from {@code source} (the file's header). */
    static TwinMade make(TwinReads reads, String label, String source) {
        XcpngTwinMaker m = new XcpngTwinMaker(reads)
        m.s.label = label
        m.read()
        new TwinMade(new DemoXcpngHost(m.s), source, m.notDerived)
    }

    private void read() {
        Map<String, String> os = value(CommonFacts.OS_RELEASE)
        if (os?.VERSION_ID) {
            s.version = os.VERSION_ID
        } else {
            missing('version', CommonFacts.OS_RELEASE.command(), s.version)
        }
        xen()
        boot()
        pci()
        vms()
        notDerived << 'usb, vms[].platform, vms[].hvm_boot_policy: twin make does not read USB passthrough yet (no ' +
                'USB device, the shipped usb-policy and HVM VMs written)'
    }

    /** What xl info -n shows: Xen's version and command line, the IOMMU, free memory, CPUs and NUMA nodes. */
    private void xen() {
        String xl = value(XcpngFacts.XL_INFO)
        if (xl == null) {
            ['xen_version': s.xenVersion, iommu: s.iommu, 'free_memory_mib': s.freeMemoryMib, cpus: 'the demo\'s 16',
             numa: 'the demo\'s 2 nodes', 'boot.xen_cmdline': s.xenCmdline].each { String key, Object v ->
                missing(key, XcpngFacts.XL_INFO.command(), v)
            }
            return
        }
        Map<String, String> info = XcpngOutput.xlInfo(xl)
        if (info['xen_version']) {
            s.xenVersion = info['xen_version']
        } else {
            notDerived << "xen_version: xl info -n printed no xen_version (${s.xenVersion} written)".toString()
        }
        s.iommu = XcpngOutput.iommuOn(info)
        if (info['free_memory'] ==~ /\d+/) {
            s.freeMemoryMib = info['free_memory'] as long
        } else {
            notDerived << "free_memory_mib: xl info -n printed no free_memory (${s.freeMemoryMib} written)".toString()
        }
        s.cpus = XcpngOutput.cpuTopology(xl).collect { CpuRow c -> new DemoCpu(c.cpu, c.core, c.socket, c.node) }
        List<XenNumaNode> numa = XcpngOutput.numaInfo(xl)
        if (numa) {
            s.numa = numa.collect { XenNumaNode n -> new DemoNumaNode(n.node, n.memsizeMib, n.memfreeMib, n.distances) }
        } else {
            notDerived << "numa: xl info -n printed no numa_info table (the demo's 2 nodes written)".toString()
        }
        s.xenCmdline = info['xen_commandline'] ?: ''
    }

    /** This boot's id, Xen's extra_guest_irqs, dom0's command line, and what pciback hides (configured, and now). */
    private void boot() {
        notDerived << 'boot.number: no read-only command shows how many times a host has booted (1 written)'
        notDerived << "gpu: passthru's facts do not read XAPI's pGPUs, vGPUs or supplemental packs (none written)"
        s.boots = 1
        String id = value(CommonFacts.BOOT_ID)
        s.bootId = id ?: UUID.nameUUIDFromBytes('demo-xcp-ng boot 1'.bytes).toString()
        if (id == null) missing('boot.id', CommonFacts.BOOT_ID.command(), s.bootId)
        // the running line's value stands when the configured one is not known: it renders the same xl info
        String running = KvmOutput.cmdline(s.xenCmdline).findAll { String p -> p.startsWith('extra_guest_irqs=') }
                .collect { String p -> p.substring('extra_guest_irqs='.length()) }.find()
        Fact<String> irqs = XcpngFacts.xenOption('extra_guest_irqs')
        CommandResult r = reads.read(irqs.command())
        s.extraGuestIrqs = r != null && r.exit == 0 ? irqs.parse(r) : running
        if (r == null || r.exit != 0) missing('boot.extra_guest_irqs', irqs.command(), s.extraGuestIrqs)
        List<String> cmdline = value(CommonFacts.RUNNING_CMDLINE)
        if (cmdline == null) {
            missing('boot.dom0_cmdline', CommonFacts.RUNNING_CMDLINE.command(), s.dom0Cmdline)
        } else {
            s.dom0Cmdline = cmdline.join(' ')
        }
        List<PciAddress> hide = value(XcpngFacts.HIDDEN_CONFIGURED)
        if (hide == null) missing('boot.hide', XcpngFacts.HIDDEN_CONFIGURED.command(), '[]')
        s.hideConfigured = hide ?: []
        List<PciAddress> hidden = value(XcpngFacts.ASSIGNABLE)
        if (hidden == null) missing('boot.hidden', XcpngFacts.ASSIGNABLE.command(), '[]')
        s.assignable = hidden ?: []
    }

    /** The PCI functions (lspci), their NUMA nodes (Xen's device topology) and SR-IOV links (sysfs). */
    private void pci() {
        List<PciFunction> functions = value(CommonFacts.PCI_FUNCTIONS)
        if (functions == null) { missing('pci', CommonFacts.PCI_FUNCTIONS.command(), '[]'); return }
        String xl = value(XcpngFacts.XL_INFO)
        Map<PciAddress, Integer> nodes = xl == null ? [:] as Map<PciAddress, Integer> : XcpngOutput.deviceTopology(xl)
        if (xl == null) missing('pci[].numa_node', XcpngFacts.XL_INFO.command(), -1)
        Map<PciAddress, PciAddress> physfns = value(CommonFacts.PHYSFNS)
        if (physfns == null) missing('pci[].physfn', CommonFacts.PHYSFNS.command(), 'none')
        functions.each { PciFunction f ->
            PciAddress a = f.address
            s.pci[a] = f.namesLine()
            s.subsystems[a] = f.subsystem
            s.drivers[a] = driver(f)
            s.nodes[a] = nodes.containsKey(a) ? nodes[a] : -1
            if (physfns?.containsKey(a)) s.physfn[a] = physfns[a]
        }
    }

    /**
     * dom0's own driver of a function: lspci's, except for a device pciback holds, whose own driver lspci does not
     * show (its first kernel module is written). An XCP-ng twin prints the driver's module as Kernel modules.
     */
    private String driver(PciFunction f) {
        String slot = DemoLspci.slot(f.address)
        String d = f.driver
        if (d == 'pciback') {
            d = f.modules ? f.modules[0] : null
            notDerived << "pci[${slot}].driver: pciback holds it, so lspci does not show its own driver (${d} written)"
                    .toString()
        }
        String module = d?.replace('-', '_')
        List<String> printed = module && module != 'pcieport' ? [module] : []
        if (f.modules != printed) {
            notDerived << ("pci[${slot}].modules: lspci printed ${f.modules ?: 'none'}; an XCP-ng twin prints its " +
                    "driver's module (${printed ?: 'none'})").toString()
        }
        d
    }

    /** The VMs as xe lists them, and each one's memory-static-max. */
    private void vms() {
        List<Map<String, String>> records = value(XcpngFacts.VM_RECORDS)
        if (records == null) { missing('vms', XcpngFacts.VM_RECORDS.command(), '[]'); return }
        records.each { Map<String, String> r ->
            DemoState.Vm v = new DemoState.Vm(r['uuid'], r['name-label'], r['power-state'])
            v.otherConfig.putAll(XcpngOutput.xeMap(r['other-config'] ?: ''))
            v.vcpusParams.putAll(XcpngOutput.xeMap(r['VCPUs-params'] ?: ''))
            String memory = reads.output(XcpngCommands.vmParamGet(v.uuid, 'memory-static-max'))?.trim()
            if (memory ==~ /\d+/) {
                v.memory = memory as long
            } else {
                missing("vms[${v.name}].memory".toString(), XcpngCommands.vmParamGet(v.uuid, 'memory-static-max'),
                        v.memory)
            }
            s.vms[v.uuid] = v
        }
    }

    /** A fact's value, or null when the source did not answer its command or the command failed. */
    private <T> T value(Fact<T> fact) {
        CommandResult r = reads.read(fact.command())
        r == null || r.exit != 0 ? null : fact.parse(r)
    }

    /** Notes that {@code key} could not be read with {@code command}, and the default written. */
    private void missing(String key, Object command, Object written) {
        String c = command.toString()
        CommandResult r = reads.read(c)
        String why = r != null ? "`${c}` failed (exit ${r.exit})"
                : (reads.unanswered.find { String u -> u.contains("`${c}`") } ?: "`${c}` was not answered")
        notDerived << "${key}: ${why} (${written} written)".toString()
    }
}
