package dev.passthru.runtime.twin

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoCpu
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoPcie
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/** A KVM twin's keys (docs/twins.md) to and from the KVM simulator's state. */
@CompileStatic
final class KvmTwin {
    static final List<String> TOP = ['twin', 'flavour', 'label', 'distro', 'userland', 'kernel', 'cpu_vendor', 'tools',
                                     'cpus', 'memory', 'iommu', 'boot', 'pci', 'files', 'clock', 'mtimes', 'vms',
                                     'prep']
    static final List<String> BOOT = ['number', 'id', 'reboot_answers', 'cmdline', 'next_cmdline', 'grub_line',
                                      'grub_words', 'update_grub_stderr', 'grubby_args', 'initramfs_softdeps']
    static final List<String> IOMMU = ['default_on', 'enabled_message', 'boot_messages']
    static final List<String> PCI = ['address', 'lspci', 'subsystem', 'ids', 'driver', 'modules', 'numa_node',
                                     'iommu_group', 'physfn', 'boot_vga', 'bound'] + TwinPcie.KEYS
    static final List<String> VM = ['name', 'state', 'xml']

    private KvmTwin() {}

    /** The twin file's content for {@code s}, named {@code label}. */
    static Map<String, Object> toMap(DemoKvmState s, String label) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.twin = TwinFile.VERSION
        m.flavour = 'kvm'
        m.label = label
        m.distro = s.distro
        m.userland = s.userland
        m.kernel = s.kernel()
        m.cpu_vendor = s.cpuVendor
        m.tools = new LinkedHashMap<String, Object>(s.tools)
        m.cpus = s.cpus.collect { DemoCpu c -> TwinCpus.toMap(c) }
        m.memory = TwinMemory.toList(s)
        m.iommu = [default_on: s.iommuDefaultOn, enabled_message: s.iommuEnabledMessage,
                   boot_messages: s.iommuBootMessages] as Map<String, Object>
        m.boot = [number: s.boots, id: s.bootId, reboot_answers: s.rebootAnswers, cmdline: s.procCmdline,
                  next_cmdline: s.grubCfgCmdline,
                  grub_line: s.grubLine, grub_words: s.grubWords, update_grub_stderr: s.updateGrubStderr,
                  grubby_args: s.grubbyArgs, initramfs_softdeps: s.initramfsSoftdeps] as Map<String, Object>
        m.pci = s.pci.collect { DemoKvmState.Pci p -> pci(s, p) }
        m.files = new LinkedHashMap<String, Object>(s.files)
        m.clock = s.clock
        m.mtimes = new LinkedHashMap<String, Object>(s.mtimes)
        m.vms = s.domains.collect { String name, DemoKvmState.Domain d ->
            [name: name, state: d.state, xml: d.xml] as Map<String, Object>
        }
        if (!s.prep.empty) m.prep = TwinPrep.toMap(s.prep)
        m
    }

    private static Map<String, Object> pci(DemoKvmState s, DemoKvmState.Pci p) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.address = DemoLspci.slot(p.address)
        m.lspci = p.line
        m.subsystem = p.subsystem
        m.ids = p.ids
        m.driver = p.nativeDriver
        m.modules = p.modules
        m.numa_node = s.nodes[p.address] ?: 0
        m.iommu_group = p.group
        if (s.physfn[p.address] != null) m.physfn = DemoLspci.slot(s.physfn[p.address])
        if (s.bootVga[p.address] != null) m.boot_vga = s.bootVga[p.address]
        m.bound = s.bound[p.address]
        TwinPcie.write(m, s.pcie[p.address])
        m
    }

    /** The state a KVM twin file describes (the root map is checked already). */
    static DemoKvmState read(TwinFields f) {
        f.map([], TOP)
        String distro = f.string(['distro'])
        if (!DemoKvmState.TOOLS.containsKey(distro)) {
            throw f.fail(['distro'],
                    "distro '${distro}': debian (GRUB), fedora (grubby) or proxmox (proxmox-boot-tool)")
        }
        DemoKvmState s = new DemoKvmState(distro)
        s.label = f.string(['label'])
        // keys added after twin: 1 was first written are optional: a file without them gets the defaults
        if (f.has([], 'userland')) s.userland = f.string(['userland'])
        if (!(s.userland in ['coreutils', 'busybox'])) {
            throw f.fail(['userland'], "userland '${s.userland}': coreutils (GNU, bash, kmod) or busybox")
        }
        s.kernelRelease = f.string(['kernel'])
        s.cpuVendor = f.string(['cpu_vendor'])
        s.tools = f.stringMap(['tools'])
        s.cpus = TwinCpus.read(f, ['cpus'])
        if (f.has([], 'memory')) TwinMemory.read(f, ['memory'], s)
        if (f.has([], 'iommu')) {
            f.map(['iommu'], IOMMU)
            s.iommuDefaultOn = f.bool(['iommu', 'default_on'])
            s.iommuEnabledMessage = f.string(['iommu', 'enabled_message'])
            s.iommuBootMessages = f.string(['iommu', 'boot_messages'])
        }
        f.map(['boot'], BOOT)
        s.boots = f.integer(['boot', 'number'])
        s.bootId = f.string(['boot', 'id'])
        if (f.has(['boot'], 'reboot_answers')) s.rebootAnswers = f.bool(['boot', 'reboot_answers'])
        s.procCmdline = f.string(['boot', 'cmdline'])
        s.grubCfgCmdline = f.string(['boot', 'next_cmdline'])
        if (f.has(['boot'], 'grub_line')) s.grubLine = f.string(['boot', 'grub_line'])
        if (f.has(['boot'], 'grub_words')) s.grubWords = f.bool(['boot', 'grub_words'])
        if (f.has(['boot'], 'update_grub_stderr')) {
            s.updateGrubStderr = f.optString(['boot', 'update_grub_stderr'])
        }
        s.grubbyArgs = f.strings(['boot', 'grubby_args'])
        s.initramfsSoftdeps = f.string(['boot', 'initramfs_softdeps'])
        s.nodes.clear()
        List<Object> pci = f.list(['pci'])
        (0..<pci.size()).each { int i -> readPci(f, s, ['pci', (Object) i]) }
        s.files.putAll(f.stringMap(['files']))
        s.clock = f.number(['clock'])
        f.stringMap(['mtimes']).keySet().each { String k -> s.mtimes[k] = f.number(['mtimes', (Object) k]) }
        List<Object> vms = f.list(['vms'])
        (0..<vms.size()).each { int i ->
            List<Object> at = ['vms', (Object) i]
            f.map(at, VM)
            s.domains[f.string(child(at, 'name'))] = new DemoKvmState.Domain(f.string(child(at, 'xml')),
                    f.string(child(at, 'state')))
        }
        if (f.has([], 'prep')) TwinPrep.read(f, ['prep'], s.prep)
        s
    }

    private static void readPci(TwinFields f, DemoKvmState s, List<Object> at) {
        f.map(at, PCI)
        String bdf = f.string(child(at, 'address'))
        f.address(child(at, 'address'))
        s.pci << new DemoKvmState.Pci(bdf, f.string(child(at, 'lspci')), f.optString(child(at, 'subsystem')),
                f.string(child(at, 'ids')), f.optString(child(at, 'driver')), f.strings(child(at, 'modules')),
                f.integer(child(at, 'iommu_group')))
        PciAddress a = s.pci.last().address
        int node = f.integer(child(at, 'numa_node'))
        if (node != 0) s.nodes[a] = node
        if (f.has(at, 'physfn')) s.physfn[a] = f.address(child(at, 'physfn'))
        if (f.has(at, 'boot_vga')) s.bootVga[a] = f.bool(child(at, 'boot_vga'))
        s.bound[a] = f.optString(child(at, 'bound'))
        DemoPcie pcie = TwinPcie.read(f, at)
        if (pcie != null) s.pcie[a] = pcie
    }
}
