package dev.passthru.spec.twin

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.twin.TwinException
import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification

/** Twin files: the shipped demo twins, every key read into the simulator and written back, and broken files. */
class TwinFileSpec extends Specification {

    def "the shipped twin #name is the demo host passthru built in code before twins, and reads back as it is written"() {
        expect: 'the old in-code state written as a twin is the shipped file, byte for byte'
        TwinFile.write(legacy) == TwinFile.resource(name)

        and: 'the demo host built from the shipped file writes the same file again'
        TwinFile.write(current) == TwinFile.resource(name)

        where:
        name               | legacy                                              | current
        'demo'             | new DemoXcpngHost(LegacyDemoStates.xcpng())         | new DemoXcpngHost()
        'demo-kvm'         | new DemoKvmHost(LegacyDemoStates.kvm('debian'))     | new DemoKvmHost()
        'demo-kvm-fedora'  | new DemoKvmHost(LegacyDemoStates.kvm('fedora'))     | new DemoKvmHost(DemoKvmState.standard('fedora'))
        'demo-kvm-proxmox' | new DemoKvmHost(LegacyDemoStates.kvm('proxmox'))    | new DemoKvmHost(DemoKvmState.standard('proxmox'))
    }

    def "the shipped twin demo-hgx reads back as it is written"() {
        expect:
        TwinFile.write(DemoHgx.host()) == TwinFile.resource('demo-hgx')
    }

    def "a KVM twin file written before userland, memory, iommu and the boot loader keys existed reads with their defaults"() {
        given: 'the shipped file without the keys added later'
        String old = TwinFile.resource('demo-kvm').replaceAll(/(?m)^userland: .*\n/, '')
                .replaceAll(/(?s)\nmemory:\n.*?\niommu:\n.*?\nboot:\n/, '\nboot:\n')
                .replaceAll(/(?m)^  (reboot_answers|grub_line|grub_words|update_grub_stderr): .*\n/, '')
                .replaceAll(/(?m)^  boot_vga: .*\n/, '')
        assert !old.contains('userland') && !old.contains('memory:') && !old.contains('grub_line')

        when:
        DemoKvmState s = TwinFile.kvm(old, 'old.yaml')

        then:
        s.userland == 'coreutils'
        !s.iommuDefaultOn
        s.iommuEnabledMessage == '[    0.000000] DMAR: IOMMU enabled\n'
        s.nodeMemKib.isEmpty()
        !s.rebootAnswers
        s.grubWords
        s.grubLine == 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=6a0c4f2e-9b1d-4e37-8c55-2f7a91d3b604 ro ' +
                '$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT'
        s.updateGrubStderr == null
    }

    def "#twin: #key edited by hand changes what the twin answers to `#command`, and is written back as edited"() {
        given:
        String text = TwinFile.resource(twin)
        assert text.contains(from)
        String edited = text.replace(from, to)

        when:
        DemoHost host = TwinFile.read(edited, 'edited.yaml')

        then:
        host.run(command).stdout.contains(shows)
        !TwinFile.read(text, 'shipped.yaml').run(command).stdout.contains(shows)
        TwinFile.write(host) == edited

        where:
        twin       | key                     | from                                  | to                                    | command                                          || shows
        'demo-kvm' | 'kernel'                | 'kernel: "6.1.0-27-amd64"'            | 'kernel: "6.9.1-custom"'              | 'uname -r'                                       || '6.9.1-custom\n'
        'demo-kvm' | 'cpu_vendor'            | 'cpu_vendor: GenuineIntel'            | 'cpu_vendor: AuthenticAMD'            | 'grep -m1 vendor_id /proc/cpuinfo'               || 'AuthenticAMD'
        'demo-kvm' | 'tools'                 | '  virsh: /usr/bin/virsh'             | '  virsh: /usr/local/bin/virsh'       | 'for t in virsh; do command -v $t; done'         || '/usr/local/bin/virsh\n'
        'demo-kvm' | 'cpus'                  | '- {cpu: 15, core: 7, socket: 1, node: 1}' | '- {cpu: 15, core: 7, socket: 1, node: 3}' | 'lscpu -p=CPU,CORE,SOCKET,NODE'        || '15,7,1,3\n'
        'demo-kvm' | 'boot.id'               | 'id: "6e3188bb-d0aa-3b7d-b7fb-6579c3dae7a4"' | 'id: "11111111-2222-3333-4444-555555555555"' | 'cat /proc/sys/kernel/random/boot_id' || '11111111-2222-3333-4444-555555555555\n'
        'demo-kvm' | 'boot.cmdline'          | '  cmdline: "BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=6a0c4f2e-9b1d-4e37-8c55-2f7a91d3b604 ro quiet"' | '  cmdline: "BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 ro quiet intel_iommu=on"' | 'cat /proc/cmdline' || 'ro quiet intel_iommu=on\n'
        'demo-kvm' | 'pci.lspci'             | 'NVIDIA Corporation GP107 [GeForce GTX 1050] [10de:1c81]' | 'NVIDIA Corporation GP107 [GeForce GTX 1050 OC] [10de:1c81]' | 'lspci -nnk -D' || 'GTX 1050 OC]'
        'demo-kvm' | 'pci.bound'             | '  iommu_group: 8\n  bound: nvme'     | '  iommu_group: 8\n  bound: vfio-pci' | 'lspci -nnk -D'                                  || 'PM983 [144d:a808]\n\tSubsystem: Samsung Electronics Co Ltd SSD 970 EVO Plus 1TB [144d:a801]\n\tKernel driver in use: vfio-pci'
        'demo-kvm' | 'pci.numa_node'         | '  numa_node: 1'                      | '  numa_node: 2'                      | 'grep -H . /sys/bus/pci/devices/*/numa_node'     || '0000:05:00.0/numa_node:2\n'
        'demo-kvm' | 'pci.physfn'            | '  physfn: "0000:02:00.0"'            | '  physfn: "0000:02:00.1"'            | physfns()                                        || '0000:02:10.0 ../0000:02:00.1\n'
        'demo-kvm' | 'files'                 | 'GRUB_TIMEOUT=5'                      | 'GRUB_TIMEOUT=9'                      | 'cat /etc/default/grub'                          || 'GRUB_TIMEOUT=9\n'
        'demo-kvm' | 'mtimes'                | '/etc/default/grub: 1700000002'       | '/etc/default/grub: 1700000099'       | 'stat -c %Y /etc/default/grub'                   || '1700000099\n'
        'demo-kvm' | 'vms.state'             | '  state: shut off\n  xml: |\n    <domain type=\'kvm\'>\n      <name>win10' | '  state: paused\n  xml: |\n    <domain type=\'kvm\'>\n      <name>win10' | 'virsh -c qemu:///system domstate win10' || 'paused\n'
        'demo-hgx' | 'pci.acs_ctl'           | '  acs_ctl: "0x001d"\n- address: "0000:16:00.0"' | '  acs_ctl: "0x005d"\n- address: "0000:16:00.0"' | 'lspci -vvv -D' || 'ACSCtl:\tSrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+\n'
        'demo-hgx' | 'pci.ats'               | '  ats: false\n- address: "0000:26:01.0"' | '  ats: true\n- address: "0000:26:01.0"' | 'lspci -vvv -D'                  || 'ATSCtl:\tEnable+, Smallest Translation Unit: 00\n'
        'demo-hgx' | 'pci.bars'              | '"256G 64-bit prefetchable"' | '"128G 64-bit prefetchable"' | 'lspci -vvv -D' || '(64-bit, prefetchable) [size=128G]\n'
        'demo-hgx' | 'pci.parent'            | '  parent: "0000:17:00.0"'           | '  parent: "0000:17:01.0"'            | dev.passthru.runtime.pcie.PcieFacts.SYSFS_PATHS || '/sys/devices/pci0000:15/0000:15:01.0/0000:16:00.0/0000:17:01.0/0000:18:00.0\n'
        'demo-hgx' | 'pci.port_type'         | '  port_type: Upstream Port'         | '  port_type: Endpoint'               | 'lspci -vvv -D'                                  || 'Express (v2) Endpoint, MSI 00\n\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ASPM not supported\n\t\tLnkSta:\tSpeed 32GT/s (ok), Width x16 (ok)\n\tKernel driver in use: pcieport\n\n0000:17:00.0'
        'demo'     | 'version'               | 'version: "8.3.0"'                    | 'version: "8.2.1"'                    | 'cat /etc/os-release'                            || 'VERSION_ID="8.2.1"'
        'demo'     | 'iommu'                 | 'iommu: true'                         | 'iommu: false'                        | 'xl info'                                        || 'virt_caps              : pv hvm hap shadow gnttab-v1 gnttab-v2\n'
        'demo'     | 'free_memory_mib'       | 'free_memory_mib: 118530'             | 'free_memory_mib: 2048'               | 'xl info'                                        || 'free_memory            : 2048\n'
        'demo'     | 'boot.extra_guest_irqs' | 'extra_guest_irqs: null'              | 'extra_guest_irqs: "64"'              | '/opt/xensource/libexec/xen-cmdline --get-xen extra_guest_irqs' || 'extra_guest_irqs=64\n'
        'demo'     | 'xen_version'           | 'xen_version: "4.17.3-3"'             | 'xen_version: "4.17.7"'               | 'xl info'                                        || 'xen_minor              : 17\nxen_extra              : .7\nxen_version            : 4.17.7\n'
        'demo'     | 'numa'                  | '  memfree_mib: 60418'                | '  memfree_mib: 1003'                 | 'xl info -n'                                     || '   1:     65501       1003      21,10\n'
        'demo'     | 'numa.distances'        | '  distances: [21, 10]'               | '  distances: [31, 10]'               | 'xl info -n'                                     || '   1:     65501      60418      31,10\n'
        'demo'     | 'boot.xen_cmdline'      | 'xen_cmdline: "dom0_mem=8192M,max:8192M watchdog' | 'xen_cmdline: "dom0_mem=4096M,max:4096M watchdog' | 'xl info'                   || 'xen_commandline        : dom0_mem=4096M,max:4096M watchdog ucode=scan'
        'demo'     | 'boot.dom0_cmdline'     | 'dom0_cmdline: "root=LABEL=root-xcpng ro' | 'dom0_cmdline: "root=LABEL=root-abc ro' | '/opt/xensource/libexec/xen-cmdline --get-dom0 root' || 'root=LABEL=root-abc\n'
        'demo'     | 'boot.hide'             | '  hide: []'                          | '  hide: ["0000:04:01.0"]'            | '/opt/xensource/libexec/xen-cmdline --get-dom0 xen-pciback.hide' || 'xen-pciback.hide=(0000:04:01.0)\n'
        'demo'     | 'boot.hidden'           | '  hidden: []'                        | '  hidden: ["0000:04:01.0"]'          | 'xl pci-assignable-list'                         || '0000:04:01.0 \n'
        'demo'     | 'pci.driver'            | '  driver: e1000'                     | '  driver: e1000e'                    | 'lspci -nnk -D'                                  || 'Kernel driver in use: e1000e'
        'demo'     | 'vms.power_state'       | '  name: router\n  power_state: halted' | '  name: router\n  power_state: running' | 'xe vm-list is-control-domain=false params=uuid,name-label,power-state,other-config,VCPUs-params' || 'name-label ( RW): router\n     power-state ( RO): running'
        'demo'     | 'cpus'                  | '- {cpu: 15, core: 7, socket: 1, node: 1}' | '- {cpu: 15, core: 7, socket: 1, node: 0}' | 'xl info -n'                           || ' 15:       7        1        0\n'
    }

    private static String physfns() { dev.passthru.runtime.pci.PciCommands.PHYSFNS }

    def "a broken twin file is one line naming its file and line: #problem"() {
        when:
        TwinFile.read(TwinFile.resource(twin).replace(from, to), 'host.yaml')

        then:
        TwinException e = thrown()
        e.message == message
        !e.message.contains('\n')

        where:
        problem             | twin       | from                       | to                           || message
        'not YAML'          | 'demo-kvm' | 'distro: debian'           | 'distro: [debian'            || "host.yaml:6:9: not YAML: expected ',' or ']', but got : (while parsing a flow sequence at line 5)"
        'a newer version'   | 'demo-kvm' | 'twin: 1'                  | 'twin: 2'                    || 'host.yaml:2: twin: 2: this passthru reads twin: 1'
        'unknown flavour'   | 'demo'     | 'flavour: xcp-ng'          | 'flavour: esxi'              || "host.yaml:3: flavour 'esxi': kvm or xcp-ng"
        'unknown distro'    | 'demo-kvm' | 'distro: debian'           | 'distro: arch'               || "host.yaml:5: distro 'arch': debian (GRUB), fedora (grubby) or proxmox (proxmox-boot-tool)"
        'misspelt key'      | 'demo-kvm' | 'cpu_vendor:'              | 'cpu_vendr:'                 || "host.yaml:8: unknown key 'cpu_vendr' (known: twin, flavour, label, distro, userland, kernel, cpu_vendor, tools, cpus, memory, iommu, boot, pci, files, clock, mtimes, vms, prep)"
        'bad PCI address'   | 'demo-kvm' | 'address: "0000:05:00.0"'  | 'address: "05:00"'           || "host.yaml:158: '05:00' is not a PCI address (DDDD:BB:DD.F)"
        'missing key'       | 'demo'     | '  numa_node: 1\n'         | '\n'                         || "host.yaml:95: missing key 'numa_node'"
        'wrong type'        | 'demo'     | 'iommu: true'              | 'iommu: sometimes'           || 'host.yaml:7: expected true or false'
        'not a twin'        | 'demo'     | TwinFile.resource('demo')  | '- just a list\n'            || 'host.yaml:1: not a twin file (expected keys such as twin: 1)'
    }

    def "the label names the twin in journals and messages"() {
        expect:
        TwinFile.read(TwinFile.resource('demo-kvm').replace('label: demo-kvm-debian-12', 'label: rack7'), 'x.yaml')
                .label() == 'rack7'
    }

    def "a missing twin file is named"() {
        when:
        TwinFile.load(new File('/nonexistent/host.yaml'))

        then:
        TwinException e = thrown()
        e.message == '/nonexistent/host.yaml: no such twin file'
    }

    def "a KVM twin is refused where an XCP-ng one is wanted"() {
        when:
        TwinFile.xcpng(TwinFile.resource('demo-kvm'), 'kvm.yaml')

        then:
        TwinException e = thrown()
        e.message == 'kvm.yaml:3: expected an XCP-ng twin (flavour: xcp-ng)'
    }

    def "a host's state after a reboot is written and read back exactly, and the twin boots on from it"() {
        given: 'the KVM demo after a configuration change and a reboot'
        DemoKvmHost host = new DemoKvmHost()
        host.run("install -m 0644 /dev/stdin /etc/modprobe.d/vfio.conf", 'softdep nouveau pre: vfio-pci\n')
        host.run('update-initramfs -u -k all')
        try { host.run('reboot') } catch (Exception ignored) { }
        host.reconnect()

        when:
        String saved = TwinFile.write(host)
        DemoHost again = TwinFile.read(saved, 'saved.yaml')

        then:
        TwinFile.write(again) == saved
        again.run('cat /proc/sys/kernel/random/boot_id').stdout == host.run('cat /proc/sys/kernel/random/boot_id').stdout
        again.run('cat /etc/modprobe.d/vfio.conf').stdout == 'softdep nouveau pre: vfio-pci\n'

        when: 'both reboot again'
        [host, again].each { DemoHost h -> try { h.run('reboot') } catch (Exception ignored) { }; h.reconnect() }

        then: 'the twin boots as the host it was saved from does'
        again.run('cat /proc/sys/kernel/random/boot_id').stdout == host.run('cat /proc/sys/kernel/random/boot_id').stdout
    }

    def "an XCP-ng host's boot lines set for the next boot are written and read back exactly, and take effect at its reboot"() {
        given: 'the XCP-ng demo with Xen and dom0 options set by xen-cmdline, not yet rebooted'
        DemoXcpngHost host = new DemoXcpngHost()
        host.run('/opt/xensource/libexec/xen-cmdline --set-xen extra_guest_irqs=128')
        host.run('/opt/xensource/libexec/xen-cmdline --set-dom0 pci=nomsi')

        when:
        String saved = TwinFile.write(host)
        DemoHost again = TwinFile.read(saved, 'saved.yaml')

        then:
        saved.contains('  next_xen_cmdline: "dom0_mem=8192M,max:8192M watchdog ucode=scan dom0_max_vcpus=1-16 ' +
                'crashkernel=256M,below=4G console=vga vga=mode-0x0311 extra_guest_irqs=128"')
        saved.contains('  next_dom0_cmdline: "root=LABEL=root-xcpng ro nolvm hpet=disable console=hvc0 console=tty0 ' +
                'quiet vga=785 splash plymouth.ignore-serial-consoles pci=nomsi"')
        TwinFile.write(again) == saved
        !again.run('xl info').stdout.contains('extra_guest_irqs')
        !TwinFile.write(new DemoXcpngHost()).contains('next_')

        when: 'both reboot'
        [host, again].each { DemoHost h -> try { h.run('reboot') } catch (Exception ignored) { }; h.reconnect() }

        then: 'the twin boots with the lines set for it, as the host it was saved from does'
        again.run('xl info').stdout.contains('xen_commandline        : dom0_mem=8192M,max:8192M watchdog ucode=scan ' +
                'dom0_max_vcpus=1-16 crashkernel=256M,below=4G console=vga vga=mode-0x0311 extra_guest_irqs=128\n')
        again.run('cat /proc/cmdline').stdout == host.run('cat /proc/cmdline').stdout
        again.run('cat /proc/cmdline').stdout.endsWith(' pci=nomsi\n')
        TwinFile.write(again) == TwinFile.write(host)
        !TwinFile.write(again).contains('next_')
    }
}
