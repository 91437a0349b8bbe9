package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * The KVM demo host's state: a dual-socket Intel host running Debian 12 with libvirt 9, a GTX 1050 and
 * its HDMI audio in one IOMMU group behind a root port, a dual-port I350 (two functions with the same
 * ids), an NVMe drive, ICH-style chipset functions sharing a group, and two libvirt domains. Files,
 * the boot configuration, the initramfs and what each boot bound are kept apart, as on a real host.
 */
@CompileStatic
class DemoKvmState {
    /** Debian 12's /etc/os-release, byte for byte. */
    static final String OS_RELEASE = '''PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
'''
    /** Debian 12's /etc/default/grub as the grub2-common package installs it. */
    static final String GRUB_DEFAULT = '''# If you change this file, run 'update-grub' afterwards to update
# /boot/grub/grub.cfg.
# For full documentation of the options in this file, see:
#   info -f grub -n 'Simple configuration'

GRUB_DEFAULT=0
GRUB_TIMEOUT=5
GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`
GRUB_CMDLINE_LINUX_DEFAULT="quiet"
GRUB_CMDLINE_LINUX=""

# If your computer has multiple operating systems installed, then you
# probably want to run os-prober. However, if your computer is a host
# for guest OSes installed via LVM or raw disk devices, running
# os-prober can cause damage to those guest OSes as it mounts
# filesystems to look for things.
#GRUB_DISABLE_OS_PROBER=false

# Uncomment to enable BadRAM filtering, modify to suit your needs
# This works with Linux (no patch required) and with any kernel that obtains
# the memory map information from GRUB (GNU Mach, kernel of FreeBSD ...)
#GRUB_BADRAM="0x01234567,0xfefefefe,0x89abcdef,0xefefefef"

# Uncomment to disable graphical terminal
#GRUB_TERMINAL=console

# The resolution used on graphical terminal
# note that you can use only modes which your graphic card supports via VBE
# you can see them in real GRUB with the command `vbeinfo'
#GRUB_GFXMODE=640x480

# Uncomment if you don't want GRUB to pass "root=UUID=xxx" parameter to Linux
#GRUB_DISABLE_LINUX_UUID=true

# Uncomment to disable generation of recovery mode menu entries
#GRUB_DISABLE_RECOVERY="true"

# Uncomment to get a beep at grub start
#GRUB_INIT_TUNE="480 440 1"
'''
    /** Fedora 39's /etc/os-release (the fields passthru reads, as Fedora writes them). */
    static final String FEDORA_OS_RELEASE = '''NAME="Fedora Linux"
VERSION="39 (Server Edition)"
ID=fedora
VERSION_ID=39
VERSION_CODENAME=""
PLATFORM_ID="platform:f39"
PRETTY_NAME="Fedora Linux 39 (Server Edition)"
ANSI_COLOR="0;38;2;60;110;180"
CPE_NAME="cpe:/o:fedoraproject:fedora:39"
HOME_URL="https://fedoraproject.org/"
VARIANT="Server Edition"
VARIANT_ID=server
'''
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

    DemoKvmState(String distro = 'debian') {
        if (!TOOLS.containsKey(distro)) throw new IllegalArgumentException("no demo KVM host for '${distro}'")
        this.distro = distro
    }

    String kernel() { KERNELS[distro] }

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
    /** Devices on NUMA node 1 (sysfs numa_node); the rest are on node 0, behind socket 0's root ports. */
    final Set<PciAddress> onNode1 = [DemoLspci.address('0000:05:00.0')] as Set<PciAddress>
    final Map<String, String> files = new LinkedHashMap<>()
    /** Modification times (a logical clock, one tick per write) of files and of what tools generate. */
    final Map<String, Long> mtimes = [:]
    private long clock = 1_700_000_000L

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
    private int boots = 0

    static DemoKvmState standard(String distro = 'debian') {
        DemoKvmState s = new DemoKvmState(distro)
        s.add('0000:00:00.0', 'Host bridge [0600]: Intel Corporation Xeon E5/Core i7 DMI2 [8086:3c00] (rev 07)',
                'Super Micro Computer Inc Xeon E5/Core i7 DMI2 [15d9:0624]', null, [], 0)
        s.add('0000:00:01.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a ' +
                '[8086:3c02] (rev 07)', null, 'pcieport', [], 1)
        s.add('0000:00:02.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 2a ' +
                '[8086:3c04] (rev 07)', null, 'pcieport', [], 2)
        s.add('0000:00:03.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 3a in ' +
                'PCI Express Mode [8086:3c08] (rev 07)', null, 'pcieport', [], 3)
        s.add('0000:00:1a.0', 'USB controller [0c03]: Intel Corporation C600/X79 series chipset USB2 Enhanced Host ' +
                'Controller #2 [8086:1d2d] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset USB2 ' +
                'Enhanced Host Controller [15d9:0624]', 'ehci-pci', ['ehci_pci'], 4)
        s.add('0000:00:1f.0', 'ISA bridge [0601]: Intel Corporation C600/X79 series chipset LPC Controller ' +
                '[8086:1d41] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset LPC Controller [15d9:0624]',
                'lpc_ich', ['lpc_ich'], 5)
        s.add('0000:00:1f.2', 'SATA controller [0106]: Intel Corporation C600/X79 series chipset 6-Port SATA AHCI ' +
                'Controller [8086:1d02] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset 6-Port SATA ' +
                'AHCI Controller [15d9:0624]', 'ahci', ['ahci'], 5)
        s.add('0000:00:1f.3', 'SMBus [0c05]: Intel Corporation C600/X79 series chipset SMBus Host Controller ' +
                '[8086:1d22] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset SMBus Host Controller ' +
                '[15d9:0624]', 'i801_smbus', ['i2c_i801'], 5)
        s.add('0000:02:00.0', 'Ethernet controller [0200]: Intel Corporation I350 Gigabit Network Connection ' +
                '[8086:1521] (rev 01)', 'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb',
                ['igb'], 6)
        s.add('0000:02:00.1', 'Ethernet controller [0200]: Intel Corporation I350 Gigabit Network Connection ' +
                '[8086:1521] (rev 01)', 'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb',
                ['igb'], 7)
        s.add('0000:02:10.0', 'Ethernet controller [0200]: Intel Corporation I350 Ethernet Controller Virtual ' +
                'Function [8086:1520] (rev 01)', 'Super Micro Computer Inc I350 Ethernet Controller Virtual Function ' +
                '[15d9:1520]', 'igbvf', ['igbvf'], 9)
        s.physfn[DemoLspci.address('0000:02:10.0')] = DemoLspci.address('0000:02:00.0')
        s.add('0000:05:00.0', 'Non-Volatile memory controller [0108]: Samsung Electronics Co Ltd NVMe SSD Controller ' +
                'SM981/PM981/PM983 [144d:a808]', 'Samsung Electronics Co Ltd SSD 970 EVO Plus 1TB [144d:a801]', 'nvme',
                ['nvme'], 8)
        s.add('0000:06:00.0', 'VGA compatible controller [0300]: NVIDIA Corporation GP107 [GeForce GTX 1050] ' +
                '[10de:1c81] (rev a1)', 'Gigabyte Technology Co., Ltd GP107 [GeForce GTX 1050] [1458:3760]', 'nouveau',
                ['nvidiafb', 'nouveau'], 1)
        s.add('0000:06:00.1', 'Audio device [0403]: NVIDIA Corporation GP107GL High Definition Audio Controller ' +
                '[10de:0fb9] (rev a1)', 'Gigabyte Technology Co., Ltd GP107GL High Definition Audio Controller ' +
                '[1458:3760]', 'snd_hda_intel', ['snd_hda_intel'], 1)
        s.files['/etc/os-release'] = distro == 'fedora' ? FEDORA_OS_RELEASE : OS_RELEASE
        if (distro == 'debian') s.files['/etc/default/grub'] = GRUB_DEFAULT
        if (distro == 'proxmox') s.files['/etc/kernel/cmdline'] = 'root=ZFS=rpool/ROOT/pve-1 boot=zfs\n'
        s.grubCfgCmdline = s.generatedCmdline()
        s.files.keySet().each { s.touch(it) }
        s.touch('/boot/grub/grub.cfg')
        s.touch("/boot/initrd.img-${s.kernel()}".toString())
        s.touch("/boot/initramfs-${s.kernel()}.img".toString())
        s.domains['win10'] = new Domain(resource('win10.xml'), 'shut off')
        s.domains['router-kvm'] = new Domain(resource('router-kvm.xml'), 'shut off')
        s.boot()
        s.domains['router-kvm'].state = 'running' // autostarted at boot
        s
    }

    private void add(String bdf, String line, String subsystem, String nativeDriver, List<String> modules, int group) {
        String ids = (line =~ /\[([0-9a-f]{4}:[0-9a-f]{4})\]/).findAll().collect { ((List) it)[1] }.last()
        pci << new Pci(bdf, line, subsystem, ids, nativeDriver, modules, group)
    }

    private static String resource(String name) {
        DemoKvmState.getResourceAsStream("/dev/passthru/runtime/demo/${name}").getText('UTF-8')
    }

    /** The kernel line the boot loader has for the next boot, from where this distribution keeps it. */
    String generatedCmdline() {
        switch (distro) {
            case 'fedora': return (["BOOT_IMAGE=(hd0,gpt2)/vmlinuz-${kernel()}".toString(),
                    'root=UUID=0b4a2c61-55e3-4f0e-9d3c-7a8e2b91c4d5'] + grubbyArgs).join(' ')
            case 'proxmox': return ("initrd=\\EFI\\proxmox\\${kernel()}\\initrd.img-${kernel()} " +
                    "${(files['/etc/kernel/cmdline'] ?: '').trim()}").toString()
            default: return ["BOOT_IMAGE=/boot/vmlinuz-${kernel()}".toString(),
                    'root=UUID=6a0c4f2e-9b1d-4e37-8c55-2f7a91d3b604',
                    'ro'].plus(DemoGrubDefault.kernelWords(files['/etc/default/grub'])).join(' ')
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
    }

    /** intel_iommu=on turns the IOMMU on (kernel-parameters.txt: comma-separated options, read in order, last wins). */
    boolean iommuOn() {
        List<String> onOff = DemoKernelCmdline.listValues(procCmdline, 'intel_iommu')
                .findAll { it == 'on' || it == 'off' }
        onOff && onOff.last() == 'on'
    }

    /** The modprobe.d files update-initramfs and dracut copy into the initramfs (every /etc/modprobe.d/*.conf). */
    String modprobeConf() {
        files.findAll { String path, String text -> path ==~ /\/etc\/modprobe\.d\/[^\/]+\.conf/ }.values().join('')
    }

    /** lspci -nnk -D of this boot (see {@link DemoLspci}). */
    String lspci() {
        pci.collect { Pci p -> DemoLspci.block(p.address, p.line, p.subsystem, bound[p.address], p.modules) }.join('')
    }

    /** Every device's sysfs numa_node, as grep -H prints them, in the kernel's device order. */
    String numaNodes() {
        pci.sort(false) { Pci p -> DemoLspci.slot(p.address) }.collect { Pci p ->
            "/sys/bus/pci/devices/${DemoLspci.slot(p.address)}/numa_node:${onNode1.contains(p.address) ? 1 : 0}\n"
        }.join('')
    }

    String iommuGroups() {
        if (!iommuOn()) return ''
        pci.sort(false) { Pci p -> p.group }.collect { Pci p ->
            "/sys/kernel/iommu_groups/${p.group}/devices/${DemoLspci.slot(p.address)}\n"
        }.join('')
    }

    /**
     * lscpu -p=CPU,CORE,SOCKET,NODE of 2 sockets x 4 cores x 2 threads; siblings are n and n+8, as Intel numbers them.
     */
    static String lscpu() {
        StringBuilder b = new StringBuilder('''# The following is the parsable format, which can be fed to other
# programs. Each different item in every column has an unique ID
# starting usually from zero.
# CPU,Core,Socket,Node
''')
        (0..15).each { int cpu ->
            int core = cpu % 8
            int socket = core.intdiv(4)
            b << "${cpu},${core},${socket},${socket}\n"
        }
        b.toString()
    }
}
