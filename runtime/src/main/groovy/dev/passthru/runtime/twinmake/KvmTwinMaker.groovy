package dev.passthru.runtime.twinmake

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoCpu
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.numa.NodeMemory
import dev.passthru.runtime.numa.NodeSysfs
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pci.PciSysfs
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.twin.TwinException
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * Makes a KVM twin from what a host or a recording answers, reading only: the facts `passthru facts` reads (lspci,
 * IOMMU groups, NUMA nodes, SR-IOV links, the PCIe tree, lscpu, the command lines, the tools, libvirt's domains) and
 * the files a recipe edits (/etc/default/grub, passthru's modprobe.d file and backups) with their modification times.
 * What no answer shows gets a default and a line in {@link TwinMade#notDerived}.
 */
@CompileStatic
final class KvmTwinMaker {
    private final TwinReads reads
    private final List<String> notDerived = []
    private final DemoKvmState s

    private KvmTwinMaker(TwinReads reads, String distro) {
        this.reads = reads
        this.s = new DemoKvmState(distro)
    }

    /** The twin of the host {@code reads} reads, named {@code label}, made from {@code source} (the file's header). */
    static TwinMade make(TwinReads reads, String label, String source) {
        Map<String, String> tools = tools(reads)
        String distro = tools.containsKey('grubby') ? 'fedora' : tools.containsKey('proxmox-boot-tool') ? 'proxmox'
                : 'debian'
        KvmTwinMaker m = new KvmTwinMaker(reads, distro)
        m.s.label = label
        m.s.tools = tools
        m.build()
        new TwinMade(new DemoKvmHost(m.s), source, m.notDerived)
    }

    private void build() {
        s.userland = userland()
        s.kernelRelease = kernel()
        s.cpuVendor = vendor()
        s.cpus = cpus()
        s.bootId = optional(CommonFacts.BOOT_ID.command(), 'boot.id',
                UUID.nameUUIDFromBytes("${s.label} boot 1".bytes).toString()).trim()
        s.boots = 1
        CommandResult reboot = reads.recorded('reboot')
        s.rebootAnswers = reboot != null && reboot.exit == 0
        if (!reads.recording) notDerived << 'boot.reboot_answers: whether `reboot` answers before the connection ' +
                'drops is seen only when it runs; false (the connection drops) is written'
        s.procCmdline = required(KvmCommands.procCmdline(), 'boot.cmdline').replaceAll(/\n$/, '')
        memory()
        new KvmBootTwin(reads, s, notDerived).derive()
        pci()
        iommuMessages()
        vms()
    }

    /** The tools the host has, with the paths `command -v` printed (the fact's loop). */
    private static Map<String, String> tools(TwinReads reads) {
        CommandResult r = reads.read(CommonFacts.TOOLS.command())
        if (r == null) throw new TwinException("twin make: ${reads.label()} does not answer " +
                "`${CommonFacts.TOOLS.command()}`: which tools the host has cannot be told")
        Map<String, String> tools = new LinkedHashMap<>()
        r.stdout.readLines()*.trim().findAll { it }.each { String path ->
            tools[path.substring(path.lastIndexOf('/') + 1)] = path
        }
        tools
    }

    /**
     * busybox or coreutils, from the tools loop's status when its last tool is missing (busybox ash: 127; bash: 1),
     * else from what /bin/cat is.
     */
    private String userland() {
        CommandResult loop = reads.read(CommonFacts.TOOLS.command())
        if (loop.exit == 127) return 'busybox'
        if (loop.exit == 1) return 'coreutils'
        CommandResult cat = reads.read('readlink /bin/cat')
        if (cat != null) return cat.stdout.trim().endsWith('busybox') ? 'busybox' : 'coreutils'
        notDerived << 'userland: neither the tools loop nor /bin/cat tells busybox from coreutils; coreutils assumed'
        'coreutils'
    }

    private String vendor() {
        String out = optional(KvmCommands.cpuVendor(), 'cpu_vendor', "vendor_id\t: ${s.cpuVendor}\n".toString())
        out.readLines().find { it.startsWith('vendor_id') }?.split(':', 2)?.last()?.trim() ?: 'GenuineIntel'
    }

    private List<DemoCpu> cpus() {
        String out = reads.output(CommonFacts.CPUS.command())
        if (out == null) {
            notDerived << 'cpus: lscpu was not read; the demo host\'s 2 sockets x 4 cores x 2 threads are written'
            return s.cpus
        }
        KvmOutput.lscpu(out).collect { CpuRow c -> new DemoCpu(c.cpu, c.core, c.socket, c.node) }
    }

    /** Each node's MemTotal and huge pages (sysfs); unknown (the twin then cannot answer them) when not read. */
    private void memory() {
        String totals = reads.output(CommonFacts.NODE_MEM_TOTALS.command())
        String pages = reads.output(CommonFacts.NODE_HUGEPAGES.command())
        if (totals == null || pages == null) {
            notDerived << 'memory: the nodes\' meminfo and nr_hugepages were not read; none is written (the twin ' +
                    'cannot answer them)'
            return
        }
        NodeSysfs.nodes(NodeSysfs.memTotals(totals), NodeSysfs.hugepages(pages)).each { NodeMemory n ->
            s.nodeMemKib[n.node] = n.totalKib ?: 0L
            s.hugepages[n.node] = new TreeMap<Long, Long>(n.hugepages)
        }
    }

    /**
     * PCI functions from lspci (names, subsystem, driver, modules), with IOMMU groups, NUMA nodes, SR-IOV links and
     * their places in the PCIe tree.
     */
    private void pci() {
        String lspci = required(PciCommands.lspci(), 'pci')
        String groups = reads.output(PciCommands.iommuGroups())
        Map<PciAddress, Integer> group = groups == null ? [:] as Map<PciAddress, Integer> : PciSysfs.iommuGroups(groups)
        Boolean said = cmdlineIommu()
        if (said == null) s.iommuDefaultOn = !group.isEmpty()
        else notDerived << ("iommu.default_on: this boot's command line turns the IOMMU ${said ? 'on' : 'off'}, so " +
                'the kernel\'s own default is not seen; off is written').toString()
        String numa = reads.output(PciCommands.NUMA_NODES)
        Map<PciAddress, Integer> nodes = numa == null ? [:] as Map<PciAddress, Integer> : PciSysfs.numaNodes(numa)
        if (numa == null) notDerived << 'pci[].numa_node: the sysfs numa_node files were not read; 0 is written'
        CommandResult vga = reads.read(PciCommands.BOOT_VGA)
        if (vga == null) notDerived << 'pci[].boot_vga: the sysfs boot_vga files were not read; none is written'
        else if (vga.exit == 0) s.bootVga.putAll(PciSysfs.bootVga(vga.stdout))
        String physfn = reads.output(PciCommands.PHYSFNS)
        if (physfn != null) s.physfn.putAll(PciSysfs.physfns(physfn))
        else notDerived << 'pci[].physfn: the sysfs physfn links were not read; no SR-IOV links are written'
        if (group.isEmpty()) {
            notDerived << 'pci[].iommu_group: the kernel shows no IOMMU groups in this boot; each function is given ' +
                    'a group of its own'
        }
        s.nodes.clear()
        int next = (group.values().max() ?: -1) + 1
        Lspci.parse(lspci).each { PciFunction b ->
            Integer g = group[b.address]
            if (g == null) g = next++
            String nativeDriver = b.driver
            if (b.driver == 'vfio-pci') {
                nativeDriver = b.modules ? b.modules.first() : null
                notDerived << ("pci[${b.address}].driver: bound to vfio-pci in this boot; its own driver is taken " +
                        "to be ${nativeDriver ?: 'none'} (its first kernel module)").toString()
            }
            s.pci << new DemoKvmState.Pci(b.address.toString(), b.namesLine(), b.subsystem, b.ids(), nativeDriver,
                    b.modules, g)
            int node = nodes[b.address] ?: 0
            if (node != 0) s.nodes[b.address] = node
            s.bound[b.address] = b.driver
        }
        new KvmPcieTwin(reads, s, notDerived).derive()
    }

    /** What this boot's command line says of the IOMMU (intel_iommu=on/off, the last wins), or null. */
    private Boolean cmdlineIommu() {
        List<String> onOff = KvmOutput.cmdline(s.procCmdline).findAll { it.startsWith('intel_iommu=') }
                .collectMany { it.substring('intel_iommu='.length()).split(',') as List<String> }
                .findAll { it == 'on' || it == 'off' }
        onOff ? onOff.last() == 'on' : null
    }

    /** The kernel's IOMMU lines: the one intel_iommu=on makes it print, and those every boot has. */
    private void iommuMessages() {
        CommandResult r = reads.read(KvmCommands.dmesgIommu()) ?: reads.recorded(KvmCommands.dmesgIommu())
        if (r == null) {
            notDerived << 'iommu: the kernel\'s IOMMU messages were not read; "[    0.000000] DMAR: IOMMU enabled" ' +
                    'is written'
            return
        }
        List<String> lines = r.stdout.readLines()
        String enabled = lines.find { it.contains('DMAR: IOMMU enabled') }
        s.iommuBootMessages = lines.findAll { !it.contains('DMAR: IOMMU enabled') }.collect { it + '\n' }.join('')
        if (enabled != null) s.iommuEnabledMessage = enabled + '\n'
        else notDerived << 'iommu.enabled_message: no boot read had intel_iommu=on; "[    0.000000] DMAR: IOMMU ' +
                'enabled" is written'
    }

    /** libvirt's domains with their XML and state. */
    private void vms() {
        if (!s.tools.containsKey('virsh')) return
        String names = reads.output(KvmCommands.domains())
        if (names == null) {
            notDerived << 'vms: virsh list was not read; no domain is written'
            return
        }
        KvmOutput.domainNames(names).each { String vm ->
            String xml = reads.output(KvmCommands.dumpxml(vm))
            String state = reads.output(KvmCommands.domstate(vm))
            if (xml == null) {
                notDerived << "vms.${vm}: its XML was not read; left out".toString()
                return
            }
            // virsh prints the document (ending in a newline) and then an empty line
            String doc = xml.endsWith('\n\n') ? xml.substring(0, xml.length() - 1) : xml
            s.domains[vm] = new DemoKvmState.Domain(doc, state == null ? 'shut off' : KvmOutput.domstate(state))
            if (state == null) notDerived << "vms.${vm}.state: not read; shut off is written".toString()
        }
    }

    /**
     * The kernel release: uname -r in any boot (passthru installs no kernel), else the /lib/modules/RELEASE/ path in
     * modinfo's answer.
     */
    private String kernel() {
        CommandResult uname = reads.read(KvmCommands.kernelRelease()) ?: reads.recorded(KvmCommands.kernelRelease())
        if (uname?.exit == 0) return uname.stdout.trim()
        CommandResult modinfo = reads.read(KvmCommands.modinfoVfio())
        Matcher m = modinfo == null ? null : (modinfo.stdout + modinfo.stderr) =~ '/lib/modules/([^/\\s\']+)/'
        if (m != null && m.find()) return m.group(1)
        notDerived << "kernel: `uname -r` was not read; ${s.kernelRelease} is written".toString()
        s.kernelRelease
    }

    /** The output of a read, or {@code fallback} (noted as not derived) when the source does not answer it. */
    private String optional(String command, String key, String fallback) {
        String out = reads.output(command)
        if (out != null) return out
        notDerived << "${key}: `${command}` was not read; ${fallback.trim()} is written".toString()
        fallback
    }

    private String required(String command, String key) {
        CommandResult r = reads.read(command)
        if (r == null || r.exit != 0) {
            throw new TwinException("twin make: ${reads.label()}: `${command}` " +
                    "${r == null ? 'is not answered' : 'failed'}" +
                    "; ${key} cannot be made without it")
        }
        r.stdout
    }
}
