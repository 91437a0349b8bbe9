package dev.passthru.spec.kvm

import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.numa.CpuRow

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.detect.HostKind
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciSysfs
import spock.lang.Specification

/**
 * The KVM host parsers against output samples in the real tools' formats (pciutils lspci -nnk, sysfs
 * iommu_groups, util-linux lscpu -p, /proc/cmdline, grubby --info, kmod modinfo, virsh 9, os-release),
 * including the odd ones: names with brackets, prog-if, domains other than 0000, no NUMA, empty output.
 */
class KvmOutputSpec extends Specification {

    def "lspci -nnk -D: the names line comes back as lspci printed it: #line"() {
        expect:
        Lspci.parse(line + '\n').first().namesLine() == line.substring(13)

        where:  // the real-kernel lab's lspci (recipes/kvm/tapes/lab-nic.fresh.yaml)
        line << ['0000:00:00.0 Host bridge [0600]: Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller [8086:29c0]',
                 '0000:00:01.0 VGA compatible controller [0300]: Device [1234:1111] (rev 02)',
                 '0000:00:1f.2 SATA controller [0106]: Intel Corporation 82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Controller [AHCI mode] [8086:2922] (rev 02)']
    }

    def "grep -H '' over files: each file's text back, empty lines kept (GNU grep 3.8 on two files, 2026-12-07)"() {
        given:
        String out = '/tmp/md/blacklist-nouveau.conf:blacklist nouveau\n/tmp/md/blacklist-nouveau.conf:\n' +
                '/tmp/md/blacklist-nouveau.conf:options nouveau modeset=0\n/tmp/md/passthru-vfio.conf:# Written by ' +
                'passthru: load vfio-pci before these drivers, so it claims the devices in vfio-pci.ids first.\n' +
                '/tmp/md/passthru-vfio.conf:softdep e1000 pre: vfio-pci\n'

        expect:
        KvmOutput.filesByLine(out) == ['/tmp/md/blacklist-nouveau.conf': 'blacklist nouveau\n\noptions nouveau modeset=0\n',
                                       '/tmp/md/passthru-vfio.conf'    : '# Written by passthru: load vfio-pci before ' +
                                               'these drivers, so it claims the devices in vfio-pci.ids first.\n' +
                                               'softdep e1000 pre: vfio-pci\n']
        KvmOutput.filesByLine('') == [:]

        when:
        KvmOutput.filesByLine('grep: /etc/modprobe.d/*.conf: No such file or directory\n')

        then:
        thrown(OutputFormatException)
    }

    def "lspci -nnk -D line: #line"() {
        when:
        PciFunction f = Lspci.parse(line + '\n')[0]

        then:
        f.address == PciAddress.parse(bdf)
        f.classId == cls
        f.className == name
        f.ids() == ids
        f.description == desc

        where:
        line || bdf | cls | name | ids | desc
        '0000:06:00.0 VGA compatible controller [0300]: NVIDIA Corporation GP107 [GeForce GTX 1050] [10de:1c81] (rev a1)' ||
                '0000:06:00.0' | '0300' | 'VGA compatible controller' | '10de:1c81' | 'NVIDIA Corporation GP107 [GeForce GTX 1050]'
        '0000:00:1f.2 SATA controller [0106]: Intel Corporation 8 Series/C220 Series Chipset Family 6-port SATA Controller 1 [AHCI mode] [8086:8c02] (rev 05) (prog-if 01 [AHCI 1.0])' ||
                '0000:00:1f.2' | '0106' | 'SATA controller' | '8086:8c02' | 'Intel Corporation 8 Series/C220 Series Chipset Family 6-port SATA Controller 1 [AHCI mode]'
        '0000:00:01.0 PCI bridge [0604]: Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a [8086:3c02] (rev 07) (prog-if 00 [Normal decode])' ||
                '0000:00:01.0' | '0604' | 'PCI bridge' | '8086:3c02' | 'Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a'
        '0001:41:00.0 Non-Volatile memory controller [0108]: Samsung Electronics Co Ltd NVMe SSD Controller PM9A1/PM9A3/980PRO [144d:a80a]' ||
                '0001:41:00.0' | '0108' | 'Non-Volatile memory controller' | '144d:a80a' | 'Samsung Electronics Co Ltd NVMe SSD Controller PM9A1/PM9A3/980PRO'
        '0000:00:00.0 Host bridge [0600]: Intel Corporation 440FX - 82441FX PMC [Natoma] [8086:1237] (rev 02)' ||
                '0000:00:00.0' | '0600' | 'Host bridge' | '8086:1237' | 'Intel Corporation 440FX - 82441FX PMC [Natoma]'
    }

    def "lspci -nnk -D: driver in use and kernel modules per device; a device with none has neither"() {
        given:
        String out = '''\
0000:06:00.0 VGA compatible controller [0300]: NVIDIA Corporation GP107 [GeForce GTX 1050] [10de:1c81] (rev a1)
\tSubsystem: Gigabyte Technology Co., Ltd GP107 [GeForce GTX 1050] [1458:3760]
\tKernel driver in use: vfio-pci
\tKernel modules: nvidiafb, nouveau
0000:06:00.1 Audio device [0403]: NVIDIA Corporation GP107GL High Definition Audio Controller [10de:0fb9] (rev a1)
\tSubsystem: Gigabyte Technology Co., Ltd GP107GL High Definition Audio Controller [1458:3760]
\tKernel modules: snd_hda_intel
0000:00:00.0 Host bridge [0600]: Intel Corporation Xeon E5/Core i7 DMI2 [8086:3c00] (rev 07)
'''
        when:
        List<PciFunction> fns = Lspci.parse(out)

        then:
        fns*.driver == ['vfio-pci', null, null]
        fns*.modules == [['nvidiafb', 'nouveau'], ['snd_hda_intel'], []]
        fns*.bridge == [false, false, true]
    }

    /** A real Xen 4.17 dom0's lspci -nnk -D (../shared/research/xen-lab-outputs/lspci_-nnk_-D.out, first lines). */
    def "lspci -nnk -D: the revision and the Subsystem line of each device (a real dom0's output)"() {
        given:
        String out = '''\
0000:00:00.0 Host bridge [0600]: Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller [8086:29c0]
\tSubsystem: Red Hat, Inc. QEMU Virtual Machine [1af4:1100]
0000:00:01.0 VGA compatible controller [0300]: Device [1234:1111] (rev 02)
\tSubsystem: Red Hat, Inc. Device [1af4:1100]
0000:00:03.0 Ethernet controller [0200]: Intel Corporation 82540EM Gigabit Ethernet Controller [8086:100e] (rev 03)
\tSubsystem: Red Hat, Inc. QEMU Virtual Machine [1af4:1100]
\tKernel driver in use: pciback
\tKernel modules: e1000
'''
        when:
        List<PciFunction> fns = Lspci.parse(out)

        then:
        fns*.revision == [null, '02', '03']
        fns*.subsystem == ['Red Hat, Inc. QEMU Virtual Machine [1af4:1100]', 'Red Hat, Inc. Device [1af4:1100]',
                           'Red Hat, Inc. QEMU Virtual Machine [1af4:1100]']
        fns*.driver == [null, null, 'pciback']
    }

    def "lspci: empty output is no device; an unreadable line is refused with the line"() {
        expect:
        Lspci.parse('') == []

        when:
        Lspci.parse('00:1f.2 SATA controller: Intel Corporation AHCI\n')

        then: 'output without -nn -D is not guessed at'
        OutputFormatException e = thrown()
        e.message.contains("cannot read the line '00:1f.2 SATA controller: Intel Corporation AHCI'")
    }

    def "iommu_groups listing: #text.readLines().size() links"() {
        expect:
        PciSysfs.iommuGroups(text) == expected.collectEntries { k, v -> [(PciAddress.parse(k)): v] }

        where:
        text || expected
        ''   || [:]
        '/sys/kernel/iommu_groups/1/devices/0000:06:00.1\n/sys/kernel/iommu_groups/1/devices/0000:00:01.0\n/sys/kernel/iommu_groups/14/devices/0000:06:00.0\n' ||
                ['0000:06:00.1': 1, '0000:00:01.0': 1, '0000:06:00.0': 14]
        '/sys/kernel/iommu_groups/52/devices/0001:41:00.0\n' || ['0001:41:00.0': 52]
    }

    def "lscpu -p=CPU,CORE,SOCKET,NODE, with and without NUMA"() {
        expect:
        KvmOutput.lscpu(text) == rows.collect { new CpuRow(it[0], it[1], it[2], it[3]) }

        where:
        text || rows
        '# The following is the parsable format, which can be fed to other\n# programs. Each different item in every column has an unique ID\n# starting usually from zero.\n# CPU,Core,Socket,Node\n0,0,0,0\n1,1,0,0\n2,0,0,0\n3,1,0,0\n' ||
                [[0, 0, 0, 0], [1, 1, 0, 0], [2, 0, 0, 0], [3, 1, 0, 0]]
        '# CPU,Core,Socket,Node\n0,0,0,\n1,0,0,\n' || [[0, 0, 0, 0], [1, 0, 0, 0]]
    }

    def "lscpu: nothing listed, or a row it cannot read, is an error"() {
        when:
        KvmOutput.lscpu(text)

        then:
        thrown(OutputFormatException)

        where:
        text << ['', '# CPU,Core,Socket,Node\n', '0,0,0\n', 'x,0,0,0\n']
    }

    def "CPU vendor from /proc/cpuinfo: #line"() {
        expect:
        KvmOutput.cpuVendor(line) == vendor

        where:
        line                            || vendor
        'vendor_id\t: GenuineIntel\n'   || 'intel'
        'vendor_id\t: AuthenticAMD\n'   || 'amd'
        'vendor_id\t: HygonGenuine\n'   || 'amd'
        'vendor_id\t: CentaurHauls\n'   || null
        ''                              || null
    }

    def "kernel command lines split into tokens: #text"() {
        expect:
        KvmOutput.cmdline(text) == tokens

        where:
        text || tokens
        'BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=6a0c ro quiet\n' || ['BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64', 'root=UUID=6a0c', 'ro', 'quiet']
        'initrd=\\EFI\\proxmox\\6.8.12-4-pve\\initrd.img-6.8.12-4-pve root=ZFS=rpool/ROOT/pve-1 boot=zfs\n' ||
                ['initrd=\\EFI\\proxmox\\6.8.12-4-pve\\initrd.img-6.8.12-4-pve', 'root=ZFS=rpool/ROOT/pve-1', 'boot=zfs']
        'quiet dyndbg="file vfio_pci.c +p"  iommu=pt\n' || ['quiet', 'dyndbg="file vfio_pci.c +p"', 'iommu=pt']
        ''  || []
    }

    def "grubby --info=DEFAULT: the args line"() {
        given:
        String out = 'index=0\nkernel="/boot/vmlinuz-5.14.0-362.8.1.el9_3.x86_64"\nargs="ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M rd.lvm.lv=rhel/root rhgb quiet"\nroot="/dev/mapper/rhel-root"\n'

        expect:
        KvmOutput.grubbyArgs(out) == ['ro', 'crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M', 'rd.lvm.lv=rhel/root', 'rhgb', 'quiet']

        when:
        KvmOutput.grubbyArgs('index=0\n')

        then:
        thrown(OutputFormatException)
    }

    def "modinfo -F filename vfio-pci: #out.trim()"() {
        expect:
        KvmOutput.builtin(out) == builtin

        where:
        out                                                                         || builtin
        '/lib/modules/6.1.0-27-amd64/kernel/drivers/vfio/pci/vfio-pci.ko\n'         || false
        '(builtin)\n'                                                               || true
    }

    def "virsh outputs end with an empty line"() {
        expect:
        KvmOutput.domstate('running\n\n') == 'running'
        KvmOutput.domstate('shut off\n\n') == 'shut off'
        KvmOutput.domainNames('win10\nrouter-kvm\n\n') == ['win10', 'router-kvm']
        KvmOutput.domainNames('\n') == []
    }

    def "os-release values with and without quotes"() {
        expect:
        KvmOutput.osRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n# comment\nVERSION_CODENAME=bookworm\n') ==
                [PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)', ID: 'debian', VERSION_CODENAME: 'bookworm']
        KvmOutput.osRelease("NAME='Quoted \\\"name\\\"'\n").NAME == 'Quoted "name"'
    }

    def "command -v: the tools found, by name"() {
        expect:
        KvmOutput.commandsFound('/usr/bin/virsh\n/usr/sbin/update-grub\n') == ['virsh', 'update-grub'] as Set
        KvmOutput.commandsFound('') == [] as Set
    }

    def "the kind of host from os-release and tools: #why"() {
        expect:
        HostKind.decide(release, tools as Set)?.word == kind

        where:
        why                              | release                 | tools                     || kind
        'XCP-ng says so'                 | [ID: 'xcp-ng']          | []                        || 'xcpng'
        'XenServer says so'              | [ID: 'xenenterprise']   | ['xe']                    || 'xcpng'
        'xe and xl without os-release'   | [:]                     | ['xe', 'xl']              || 'xcpng'
        'Debian with libvirt'            | [ID: 'debian']          | ['virsh', 'update-grub']  || 'kvm'
        'Fedora with libvirt'            | [ID: 'fedora']          | ['virsh', 'grubby']       || 'kvm'
        'Proxmox has no virsh'           | [ID: 'debian']          | ['proxmox-boot-tool']     || null
        'the Xen lab: xl, no xe (XAPI)'  | [ID: 'debian']          | ['xl']                    || 'xcpng'
        'Xen and libvirt: virsh decides' | [ID: 'debian']          | ['xl', 'virsh']           || 'kvm'
        'nothing known'                  | [:]                     | []                        || null
    }
}
