package dev.passthru.spec.twin

import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoGpu
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoPack
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoUsbDevice
import dev.passthru.dsl.PciAddress

/**
 * The demo hosts' states as passthru built them in code before they became twin files (copied from
 * DemoKvmState.standard and DemoState.standard as they were), so a spec can show the shipped twins are the same hosts.
 */
class LegacyDemoStates {
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
    static DemoKvmState kvm(String distro) {
        DemoKvmState s = new DemoKvmState(distro)
        // memory per node and boot_vga came with twin make (after the in-code demo): two nodes of about 32 GiB, no
        // huge pages; the GTX 1050 is the card the firmware booted the console on
        s.bootVga[DemoLspci.address('0000:06:00.0')] = true
        s.nodeMemKib.putAll([0: 32856724L, 1: 33019904L])
        [0, 1].each { int n -> s.hugepages[n] = new TreeMap<Long, Long>([2048L: 0L, 1048576L: 0L]) }
        add(s, '0000:00:00.0', 'Host bridge [0600]: Intel Corporation Xeon E5/Core i7 DMI2 [8086:3c00] (rev 07)',
                'Super Micro Computer Inc Xeon E5/Core i7 DMI2 [15d9:0624]', null, [], 0)
        add(s, '0000:00:01.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a ' +
                '[8086:3c02] (rev 07)', null, 'pcieport', [], 1)
        add(s, '0000:00:02.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 2a ' +
                '[8086:3c04] (rev 07)', null, 'pcieport', [], 2)
        add(s, '0000:00:03.0', 'PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 3a in ' +
                'PCI Express Mode [8086:3c08] (rev 07)', null, 'pcieport', [], 3)
        add(s, '0000:00:1a.0', 'USB controller [0c03]: Intel Corporation C600/X79 series chipset USB2 Enhanced Host ' +
                'Controller #2 [8086:1d2d] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset USB2 ' +
                'Enhanced Host Controller [15d9:0624]', 'ehci-pci', ['ehci_pci'], 4)
        add(s, '0000:00:1f.0', 'ISA bridge [0601]: Intel Corporation C600/X79 series chipset LPC Controller ' +
                '[8086:1d41] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset LPC Controller [15d9:0624]',
                'lpc_ich', ['lpc_ich'], 5)
        add(s, '0000:00:1f.2', 'SATA controller [0106]: Intel Corporation C600/X79 series chipset 6-Port SATA AHCI ' +
                'Controller [8086:1d02] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset 6-Port SATA ' +
                'AHCI Controller [15d9:0624]', 'ahci', ['ahci'], 5)
        add(s, '0000:00:1f.3', 'SMBus [0c05]: Intel Corporation C600/X79 series chipset SMBus Host Controller ' +
                '[8086:1d22] (rev 06)', 'Super Micro Computer Inc C600/X79 series chipset SMBus Host Controller ' +
                '[15d9:0624]', 'i801_smbus', ['i2c_i801'], 5)
        add(s, '0000:02:00.0', 'Ethernet controller [0200]: Intel Corporation I350 Gigabit Network Connection ' +
                '[8086:1521] (rev 01)', 'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb',
                ['igb'], 6)
        add(s, '0000:02:00.1', 'Ethernet controller [0200]: Intel Corporation I350 Gigabit Network Connection ' +
                '[8086:1521] (rev 01)', 'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb',
                ['igb'], 7)
        add(s, '0000:02:10.0', 'Ethernet controller [0200]: Intel Corporation I350 Ethernet Controller Virtual ' +
                'Function [8086:1520] (rev 01)', 'Super Micro Computer Inc I350 Ethernet Controller Virtual Function ' +
                '[15d9:1520]', 'igbvf', ['igbvf'], 9)
        s.physfn[DemoLspci.address('0000:02:10.0')] = DemoLspci.address('0000:02:00.0')
        add(s, '0000:05:00.0', 'Non-Volatile memory controller [0108]: Samsung Electronics Co Ltd NVMe SSD Controller ' +
                'SM981/PM981/PM983 [144d:a808]', 'Samsung Electronics Co Ltd SSD 970 EVO Plus 1TB [144d:a801]', 'nvme',
                ['nvme'], 8)
        add(s, '0000:06:00.0', 'VGA compatible controller [0300]: NVIDIA Corporation GP107 [GeForce GTX 1050] ' +
                '[10de:1c81] (rev a1)', 'Gigabyte Technology Co., Ltd GP107 [GeForce GTX 1050] [1458:3760]', 'nouveau',
                ['nvidiafb', 'nouveau'], 1)
        add(s, '0000:06:00.1', 'Audio device [0403]: NVIDIA Corporation GP107GL High Definition Audio Controller ' +
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
        s.domains['win10'] = new DemoKvmState.Domain(resource('win10.xml'), 'shut off')
        s.domains['router-kvm'] = new DemoKvmState.Domain(resource('router-kvm.xml'), 'shut off')
        s.boot()
        s.domains['router-kvm'].state = 'running' // autostarted at boot
        s
    }

    private static void add(DemoKvmState s, String bdf, String line, String subsystem, String nativeDriver, List<String> modules, int group) {
        String ids = (line =~ /\[([0-9a-f]{4}:[0-9a-f]{4})\]/).findAll().collect { ((List) it)[1] }.last()
        s.pci << new DemoKvmState.Pci(bdf, line, subsystem, ids, nativeDriver, modules, group)
    }

    static DemoState xcpng() {
        DemoState s = new DemoState()
        // lspci -nnk -D names as pciutils prints them (class [cccc], ids [vvvv:dddd]), the subsystem, dom0's driver,
        // NUMA node
        [
            ['0000:00:00.0', 'Host bridge [0600]: Intel Corporation Xeon E5/Core i7 DMI2 [8086:3c00] (rev 07)',
             'Super Micro Computer Inc Xeon E5/Core i7 DMI2 [15d9:0624]', null, 0],
            ['0000:00:01.0', 'PCI bridge [0604]: ' +
             'Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a [8086:3c02] (rev 07)',
             null, 'pcieport', 0],
            ['0000:00:1a.0', 'USB controller [0c03]: ' +
             'Intel Corporation C600/X79 series chipset USB2 Enhanced Host Controller #2 [8086:1d2d] (rev 06)',
             'Super Micro Computer Inc C600/X79 series chipset USB2 Enhanced Host Controller [15d9:0624]', 'ehci-pci',
                     0],
            ['0000:00:1f.0', 'ISA bridge [0601]: ' +
             'Intel Corporation C600/X79 series chipset LPC Controller [8086:1d41] (rev 06)',
             'Super Micro Computer Inc C600/X79 series chipset LPC Controller [15d9:0624]', 'lpc_ich', 0],
            ['0000:00:1f.2', 'SATA controller [0106]: ' +
             'Intel Corporation C600/X79 series chipset 6-Port SATA AHCI Controller [8086:1d02] (rev 06)',
             'Super Micro Computer Inc C600/X79 series chipset 6-Port SATA AHCI Controller [15d9:0624]', 'ahci', 0],
            ['0000:02:00.0', 'Ethernet controller [0200]: ' +
             'Intel Corporation I350 Gigabit Network Connection [8086:1521] (rev 01)',
             'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb', 0],
            ['0000:02:00.1', 'Ethernet controller [0200]: ' +
             'Intel Corporation I350 Gigabit Network Connection [8086:1521] (rev 01)',
             'Super Micro Computer Inc I350 Gigabit Network Connection [15d9:1521]', 'igb', 0],
            ['0000:02:10.0', 'Ethernet controller [0200]: ' +
             'Intel Corporation I350 Ethernet Controller Virtual Function [8086:1520] (rev 01)',
             'Super Micro Computer Inc I350 Ethernet Controller Virtual Function [15d9:1520]', null, 0],
            ['0000:04:01.0', 'Ethernet controller [0200]: ' +
             'Intel Corporation 82541PI Gigabit Ethernet Controller [8086:107c] (rev 05)',
             'Intel Corporation PRO/1000 GT Desktop Adapter [8086:1376]', 'e1000', 0],
            ['0000:05:00.0', 'Non-Volatile memory controller [0108]: ' +
             'Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 [144d:a808]',
             'Samsung Electronics Co Ltd SSD 970 EVO Plus 1TB [144d:a801]', 'nvme', 0],
            ['0000:81:00.0', 'VGA compatible controller [0300]: ' +
             'NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] [10de:1c82] (rev a1)',
             'ASUSTeK Computer Inc. GP107 [GeForce GTX 1050 Ti] [1043:8613]', null, 1],
            ['0000:81:00.1', 'Audio device [0403]: ' +
             'NVIDIA Corporation GP107GL High Definition Audio Controller [10de:0fb9] (rev a1)',
             'ASUSTeK Computer Inc. GP107GL High Definition Audio Controller [1043:8613]', null, 1],
            ['0000:83:00.0', 'VGA compatible controller [0300]: ' +
             'Advanced Micro Devices, Inc. [AMD/ATI] Tonga XT GL [FirePro S7150] [1002:6929]',
             'Advanced Micro Devices, Inc. [AMD/ATI] Device [1002:0335]', null, 1],
        ].each { List d ->
            PciAddress a = DemoLspci.address((String) d[0])
            s.pci[a] = (String) d[1]
            s.subsystems[a] = (String) d[2]
            s.drivers[a] = (String) d[3]
            s.nodes[a] = (Integer) d[4]
        }
        s.physfn[DemoLspci.address('0000:02:10.0')] = DemoLspci.address('0000:02:00.0')
        addVm(s, 'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c', 'router', 'halted')
        addVm(s, 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d', 'gpu-worker', 'halted').platform.usb = 'false'
        addVm(s, 'c8e3a6c4-7d2a-4b9f-9c73-3f4a5b6c7d8e', 'lab "blue" #1', 'running')
        addVm(s, 'd9f4b7d5-8e3b-4cae-8d84-4a5b6c7d8e9f', 'scratch', 'halted')
        addVm(s, 'eaa5c8e6-9f4c-4dbf-9e95-5b6c7d8e9fa0', 'scratch', 'halted')
        addVm(s, 'fbb6d9f7-a05d-4ec0-8fa6-6c7d8e9fa0b1', 'big-db', 'halted').memory = 192L << 30
        // the GPUs XAPI lists (issue 16: vGPU), and AMD's MxGPU pack ISO, not installed
        s.gpu.gpus << new DemoGpu(DemoLspci.address('0000:81:00.0'), 'NVIDIA Corporation', 'GP107 [GeForce GTX 1050 Ti]')
        s.gpu.gpus << new DemoGpu(DemoLspci.address('0000:83:00.0'), 'Advanced Micro Devices, Inc. [AMD/ATI]',
                'Tonga XT GL [FirePro S7150]')
        s.gpu.packs << new DemoPack('/tmp/mxgpu-2.0.0.amd.iso', 'mxgpu', '2.0.0', false, false)
        // USB (added with USB passthrough): a SanDisk stick XAPI lists, and a Logitech K120 keyboard the default
        // usb-policy.conf denies (HID boot keyboard), so XAPI lists no PUSB for it
        s.usb.devices << new DemoUsbDevice(path: '2-1.1', vendor: '0781', product: '5591', vendorDesc: 'SanDisk Corp.',
                serial: '4C530001151223117134', version: '2.10', interfaces: ['080650'],
                pusb: '10fbec89-4472-c215-5d55-17969b473ee6', group: '1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54')
        s.usb.devices << new DemoUsbDevice(path: '1-3', vendor: '046d', product: 'c31c', vendorDesc: 'Logitech, Inc.',
                productDesc: 'Keyboard K120', version: '1.10', speed: '1.5', rel: '6400',
                interfaces: ['030101', '030000'])
        s.boot()
        s
    }

    private static DemoState.Vm addVm(DemoState s, String uuid, String name, String power) {
        DemoState.Vm vm = new DemoState.Vm(uuid, name, power)
        vm.otherConfig['base_template_name'] = 'Other install media'
        vm.otherConfig['mac_seed'] = UUID.nameUUIDFromBytes(name.bytes).toString()
        vm.otherConfig['install-methods'] = 'cdrom'
        vm.vcpusParams['weight'] = '256'
        s.vms[uuid] = vm
        vm
    }


    private static String resource(String name) {
        DemoKvmState.getResourceAsStream("/dev/passthru/runtime/demo/${name}").getText('UTF-8')
    }
}
