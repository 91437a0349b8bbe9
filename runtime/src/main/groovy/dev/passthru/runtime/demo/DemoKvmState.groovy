package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/**
 * The KVM demo host's state: a dual-socket Intel host running Debian 12 with libvirt 9, a GTX 1050 and
 * its HDMI audio in one IOMMU group behind a root port, a dual-port I350 (two functions with the same
 * ids), an NVMe drive, ICH-style chipset functions sharing a group, and two libvirt domains. Files,
 * the boot configuration, the initramfs and what each boot bound are kept apart, as on a real host.
 */
@CompileStatic
class DemoKvmState {
    static final Map<String, String> KERNELS = [debian: '6.1.0-27-amd64', fedora: '6.5.6-300.fc39.x86_64',
            proxmox: '6.8.12-4-pve']
    /** Which tools each distribution has, and where (what `command -v` prints). */
    static final Map<String, Map<String, String>> TOOLS = [
        debian : ['virsh': '/usr/bin/virsh', 'update-grub': '/usr/sbin/update-grub',
                'update-initramfs': '/usr/sbin/update-initramfs'],
        fedora : ['virsh': '/usr/bin/virsh', 'grubby': '/usr/sbin/grubby', 'dracut': '/usr/bin/dracut'],
        // Proxmox VE runs VMs with qm, not libvirt: no virsh (passthru does its host side with --flavour kvm)
        proxmox: ['update-grub': '/usr/sbin/update-grub', 'proxmox-boot-tool': '/usr/sbin/proxmox-boot-tool',
                'update-initramfs': '/usr/sbin/update-initramfs'],
    ]
    static final String KERNEL = KERNELS.debian

    /** debian (GRUB), fedora (grubby, dracut) or proxmox (systemd-boot through proxmox-boot-tool). */
    final String distro
    /** The arguments grubby keeps in the BLS entries (fedora). */
    List<String> grubbyArgs = ['ro', 'rootflags=subvol=root', 'rhgb', 'quiet']
    /** The name the host goes by in journals and messages (null: the distribution's demo name). */
    String label
    /** The running kernel's release (uname -r). */
    String kernelRelease
    /** The tools this host has, by name, with the path `command -v` prints. */
    Map<String, String> tools
    /** What /proc/cpuinfo's first vendor_id line says. */
    String cpuVendor = 'GenuineIntel'
    /** Each logical CPU with its core, socket and NUMA node (lscpu -p). */
    List<DemoCpu> cpus = DemoCpu.grid(2, 4, 2)
    /** Whose programs answer cat, cp, mv, stat, modinfo and the shell: {@code coreutils} (bash, kmod) or busybox. */
    String userland = 'coreutils'
    /**
     * (debian) The linux line update-grub writes into grub.cfg, with {@code $GRUB_CMDLINE_LINUX} and
     * {@code $GRUB_CMDLINE_LINUX_DEFAULT} standing for /etc/default/grub's values.
     */
    String grubLine
    /** (debian) Whether the boot loader splits the line into words (GRUB does; a verbatim loader keeps its spaces). */
    boolean grubWords = true
    /** What update-grub prints (on stderr); null: Debian 12's grub-mkconfig text. */
    String updateGrubStderr
    /** Each NUMA node's MemTotal in KiB (drivers/base/node.c meminfo). */
    final Map<Integer, Long> nodeMemKib = new TreeMap<>()
    /** This boot's huge pages per node, by page size in KiB (the sizes the host has: 2048; 1048576 with pdpe1gb). */
    final Map<Integer, Map<Long, Long>> hugepages = new TreeMap<>()
    /** Whether {@code reboot} answers exit 0 before the connection drops (else the connection drops under it). */
    boolean rebootAnswers = false
    /** Whether the IOMMU is on when the command line says nothing (the kernel's CONFIG_INTEL_IOMMU_DEFAULT_ON). */
    boolean iommuDefaultOn = false
    /**
     * The line the kernel logs when the command line turns the IOMMU on (drivers/iommu/intel/iommu.c intel_iommu_setup
     * prints "DMAR: IOMMU enabled" when it parses intel_iommu=on).
     */
    String iommuEnabledMessage = '[    0.000000] DMAR: IOMMU enabled\n'
    /** Other lines `dmesg | grep -e 'DMAR: IOMMU enabled' -e 'AMD-Vi:'` finds in every boot (such as AMD-Vi notes). */
    String iommuBootMessages = ''

    DemoKvmState(String distro = 'debian') {
        if (!TOOLS.containsKey(distro)) throw new IllegalArgumentException("no demo KVM host for '${distro}'")
        this.distro = distro
        this.kernelRelease = KERNELS[distro]
        this.tools = new LinkedHashMap<String, String>(TOOLS[distro])
        this.grubLine = "BOOT_IMAGE=/boot/vmlinuz-${kernelRelease} root=UUID=6a0c4f2e-9b1d-4e37-8c55-2f7a91d3b604 ro " +
                '$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT'
    }

    String kernel() { kernelRelease }

    /** One PCI function: what lspci shows, its native driver, and its IOMMU group. */
    static class Pci {
        final PciAddress address
        final String line
        final String subsystem
        final String ids
        final String nativeDriver
        final List<String> modules
        final int group

        Pci(String bdf, String line, String subsystem, String ids, String nativeDriver, List<String> modules,
                int group) {
            this.address = DemoLspci.address(bdf)
            this.line = line
            this.subsystem = subsystem
            this.ids = ids
            this.nativeDriver = nativeDriver
            this.modules = modules
            this.group = group
        }
    }

    static class Domain {
        String xml
        String state
        Domain(String xml, String state) { this.xml = xml; this.state = state }
    }

    final List<Pci> pci = []
    /** SR-IOV: virtual function to its physical function (sysfs physfn). */
    final Map<PciAddress, PciAddress> physfn = [:]
    /** Each function's PCIe place and capabilities (lspci -vvv, sysfs parents) where the twin gives them. */
    final Map<PciAddress, DemoPcie> pcie = [:]
    /** Each display device's sysfs boot_vga (true: the firmware's console device); other devices have no such file. */
    final Map<PciAddress, Boolean> bootVga = [:]
    /** Each device's NUMA node (sysfs numa_node) where it is not 0. */
    final Map<PciAddress, Integer> nodes = [(DemoLspci.address('0000:05:00.0')): 1]
    final Map<String, String> files = new LinkedHashMap<>()
    /** Modification times (a logical clock, one tick per write) of files and of what tools generate. */
    final Map<String, Long> mtimes = [:]
    /** The logical clock's last tick. */
    long clock = 1_700_000_000L

    /** Notes that {@code path} was written now. */
    void touch(String path) { mtimes[path] = ++clock }
    /** The kernel command line grub.cfg boots next (written by update-grub). */
    String grubCfgCmdline
    /** modprobe.d softdeps inside the initramfs (written by update-initramfs). */
    String initramfsSoftdeps = ''
    /** This boot's /proc/cmdline. */
    String procCmdline
    /** This boot's driver per function (null: none bound). */
    final Map<PciAddress, String> bound = [:]
    final LinkedHashMap<String, Domain> domains = new LinkedHashMap<>()
    String bootId
    /** How many times the host has booted (the next boot id derives from it). */
    int boots = 0
    /** Bridges' ACS, NICs' firmware ATS, enabled units, huge page room (host preparation). */
    final DemoPrepState prep = new DemoPrepState()

    /** The built-in demo host of {@code distro}, as its shipped twin file ({@code demo-kvm[-DISTRO]}) describes it. */
    static DemoKvmState standard(String distro = 'debian') {
        if (!TOOLS.containsKey(distro)) throw new IllegalArgumentException("no demo KVM host for '${distro}'")
        String name = distro == 'debian' ? 'demo-kvm' : "demo-kvm-${distro}".toString()
        TwinFile.kvm(TwinFile.resource(name), "${name}.yaml".toString())
    }

    /** The kernel line the boot loader has for the next boot, from where this distribution keeps it. */
    String generatedCmdline() {
        switch (distro) {
            case 'fedora': return (["BOOT_IMAGE=(hd0,gpt2)/vmlinuz-${kernel()}".toString(),
                    'root=UUID=0b4a2c61-55e3-4f0e-9d3c-7a8e2b91c4d5'] + grubbyArgs).join(' ')
            case 'proxmox': return ("initrd=\\EFI\\proxmox\\${kernel()}\\initrd.img-${kernel()} " +
                    "${(files['/etc/kernel/cmdline'] ?: '').trim()}").toString()
            default: return DemoGrubDefault.line(grubLine, files['/etc/default/grub'],
                    grubWords)
        }
    }

    /**
     * Boots: /proc/cmdline is what grub.cfg says; the IOMMU is on with intel_iommu=on; vfio-pci takes a
     * device listed in vfio-pci.ids when the IOMMU is on and (vfio-pci being a module) the initramfs
     * orders it before every native module of the device; running domains stop.
     */
    void boot() {
        boots++
        bootId = UUID.nameUUIDFromBytes("demo-kvm boot ${boots}".bytes).toString()
        procCmdline = grubCfgCmdline
        List<String> vfioIds = DemoKernelCmdline.listValues(procCmdline, 'vfio-pci.ids')
        bound.clear()
        pci.each { Pci p ->
            boolean ordered = p.modules.every { initramfsSoftdeps.contains("softdep ${it} pre: vfio-pci") }
            bound[p.address] = iommuOn() && vfioIds.contains(p.ids) && ordered ? 'vfio-pci' : p.nativeDriver
        }
        domains.values().each { Domain d -> d.state = 'shut off' }
        DemoBootHugepages.reserve(hugepages, nodeMemKib, procCmdline)
        prep.boot(pcie)
    }

    /** All huge pages of {@code sizeKib} reserved in this boot, over every node. */
    long hugepagesOf(long sizeKib) { (long) hugepages.values().sum(0L) { Map<Long, Long> p -> p[sizeKib] ?: 0L } }

    /** grep -H MemTotal over the nodes' meminfo, in the shell's glob order. */
    String nodeMemTotals() {
        nodeMemKib.keySet().sort { "node${it}".toString() }.collect { Integer n ->
            String kib = String.format('%8d', nodeMemKib[n])
            "/sys/devices/system/node/node${n}/meminfo:Node ${n} MemTotal:       ${kib} kB\n"
        }.join('')
    }

    /** grep -H . over the nodes' nr_hugepages files, in the shell's glob order. */
    String nodeHugepages() {
        hugepages.keySet().sort { "node${it}".toString() }.collectMany { Integer n ->
            hugepages[n].keySet().sort { "hugepages-${it}kB".toString() }.collect { Long size ->
                "/sys/devices/system/node/node${n}/hugepages/hugepages-${size}kB/nr_hugepages:${hugepages[n][size]}\n"
            }
        }.join('')
    }

    /** What {@code dmesg | grep -e 'DMAR: IOMMU enabled' -e 'AMD-Vi:'} prints in this boot. */
    String dmesgIommu() { (cmdlineIommu() == Boolean.TRUE ? iommuEnabledMessage : '') + iommuBootMessages }

    /**
     * intel_iommu=on turns the IOMMU on, =off off (kernel-parameters.txt: comma-separated options, read in order, last
     * wins); without either, the kernel's default.
     */
    boolean iommuOn() {
        Boolean said = cmdlineIommu()
        said != null ? said : iommuDefaultOn
    }

    /** What this boot's command line says of the IOMMU: on, off, or null (nothing). */
    private Boolean cmdlineIommu() {
        List<String> onOff = DemoKernelCmdline.listValues(procCmdline, 'intel_iommu')
                .findAll { it == 'on' || it == 'off' }
        onOff ? onOff.last() == 'on' : null
    }

    /** The modprobe.d files update-initramfs and dracut copy into the initramfs (every /etc/modprobe.d/*.conf). */
    String modprobeConf() { modprobeFiles().collect { files[it] }.join('') }

    /** The paths of /etc/modprobe.d/*.conf, in the order they were written. */
    List<String> modprobeFiles() {
        files.keySet().findAll { it ==~ /\/etc\/modprobe\.d\/[^\/]+\.conf/ } as List<String>
    }

    /** lspci -nnk -D of this boot (see {@link DemoLspci}). */
    String lspci() {
        pci.collect { Pci p -> DemoLspci.block(p.address, p.line, p.subsystem, bound[p.address], p.modules) }.join('')
    }

    /** grep -H . over the display devices' boot_vga files, in the shell's glob order (by address). */
    String bootVgaLines() {
        bootVga.keySet().sort { DemoLspci.slot(it) }.collect { PciAddress a ->
            "/sys/bus/pci/devices/${DemoLspci.slot(a)}/boot_vga:${bootVga[a] ? 1 : 0}\n".toString()
        }.join('')
    }

    /** Every device's sysfs numa_node, as grep -H prints them, in the kernel's device order. */
    String numaNodes() {
        pci.sort(false) { Pci p -> DemoLspci.slot(p.address) }.collect { Pci p ->
            "/sys/bus/pci/devices/${DemoLspci.slot(p.address)}/numa_node:${nodes[p.address] ?: 0}\n"
        }.join('')
    }

    /** find /sys/kernel/iommu_groups -type l: each group's device links, in sysfs's order ({@link Kernfs}). */
    String iommuGroups() {
        if (!iommuOn()) return ''
        Map<String, List<String>> groups = [:]
        pci.each { Pci p -> groups.computeIfAbsent("${p.group}".toString()) { [] } << DemoLspci.slot(p.address) }
        Kernfs.order(groups.keySet()).collectMany { String g ->
            Kernfs.order(groups[g]).collect { String d -> "/sys/kernel/iommu_groups/${g}/devices/${d}\n".toString() }
        }.join('')
    }

    /** lscpu -p=CPU,CORE,SOCKET,NODE: the header util-linux prints, then one line per CPU. */
    String lscpu() {
        StringBuilder b = new StringBuilder('''# The following is the parsable format, which can be fed to other
# programs. Each different item in every column has an unique ID
# starting usually from zero.
# CPU,Core,Socket,Node
''')
        cpus.each { DemoCpu c -> b << "${c.cpu},${c.core},${c.socket},${c.node}\n" }
        b.toString()
    }
}
