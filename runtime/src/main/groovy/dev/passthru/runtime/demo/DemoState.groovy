package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic

/** The demo host's state: its PCI devices, dom0 boot configuration, what this boot has hidden, and its VMs. */
@CompileStatic
class DemoState {
    /** XCP-ng 8.3's /etc/os-release (assumed from the XCP-ng 8.3 ISO's release files; not recorded from a host). */
    static final String OS_RELEASE = '''NAME="XCP-ng"
VERSION="8.3.0"
ID="xcp-ng"
ID_LIKE="centos rhel fedora"
VERSION_ID="8.3.0"
PRETTY_NAME="XCP-ng 8.3.0"
ANSI_COLOR="0;31"
HOME_URL="http://xcp-ng.org/"
BUG_REPORT_URL="https://github.com/xcp-ng/xcp"
'''
    static class Vm {
        final String uuid
        final String name
        String powerState
        /** memory-static-max in bytes: what starting the VM needs from the host. */
        long memory = 4L << 30
        final Map<String, String> otherConfig = new LinkedHashMap<>()
        final Map<String, String> vcpusParams = new LinkedHashMap<>()
        /** platform (usb: false leaves an HVM guest without a USB controller). */
        final Map<String, String> platform = new LinkedHashMap<>()
        /** HVM-boot-policy: empty for a PV guest. */
        String hvmBootPolicy = 'BIOS order'

        Vm(String uuid, String name, String powerState) {
            this.uuid = uuid
            this.name = name
            this.powerState = powerState
        }
    }

    /** Each function's lspci -nnk -D line after the address. */
    final LinkedHashMap<PciAddress, String> pci = new LinkedHashMap<>()
    /** Each function's subsystem as lspci -nn names it (null: no subsystem vendor). */
    final Map<PciAddress, String> subsystems = [:]
    /** dom0's driver per function (null: none); a device hidden in this boot is bound to pciback instead. */
    final Map<PciAddress, String> drivers = [:]
    /** NUMA node per function, as Xen's device topology gives it. */
    final Map<PciAddress, Integer> nodes = [:]
    /** SR-IOV: virtual function to its physical function. */
    final Map<PciAddress, PciAddress> physfn = [:]
    /** The XCP-ng release (/etc/os-release VERSION_ID). */
    String version = '8.3.0'
    /** Xen's version (xl info xen_version; xen_major, xen_minor and xen_extra are its parts). */
    String xenVersion = '4.17.3-3'
    /**
     * Xen's command line in this boot (xl info xen_commandline), extra_guest_irqs aside: {@link #extraGuestIrqs} sets
     * that option in it (XCP-ng 8.3's default Xen line, assumed from its installer's grub.cfg; not recorded).
     */
    String xenCmdline = 'dom0_mem=8192M,max:8192M watchdog ucode=scan dom0_max_vcpus=1-16 crashkernel=256M,below=4G ' +
            'console=vga vga=mode-0x0311'
    /**
     * dom0's kernel command line (/proc/cmdline; xen-cmdline --get-dom0 reads its options), xen-pciback.hide aside:
     * that is {@link #hideConfigured} for the next boot and {@link #assignable} in this one (XCP-ng 8.3's default
     * dom0 line, assumed from its installer's grub.cfg; not recorded).
     */
    String dom0Cmdline = 'root=LABEL=root-xcpng ro nolvm hpet=disable console=hvc0 console=tty0 quiet vga=785 ' +
            'splash plymouth.ignore-serial-consoles'
    /** Memory per NUMA node (xl info -n's numa_info); xl info's total_memory is their sum. */
    List<DemoNumaNode> numa = [new DemoNumaNode(0, 65536, 58112, [10, 21]),
                               new DemoNumaNode(1, 65501, 60418, [21, 10])]
    /** extra_guest_irqs on Xen's command line (null: not set). */
    String extraGuestIrqs
    /** Xen's command line as configured for the next boot (null: the running one, {@link #xenCommandline}). */
    String nextXenCmdline
    /** dom0's command line for the next boot, xen-pciback.hide aside (null: the running one, {@link #dom0Cmdline}). */
    String nextDom0Cmdline
    /** xen-pciback.hide as configured for the next boot. */
    List<PciAddress> hideConfigured = []
    /** Devices bound to pciback in this boot. */
    List<PciAddress> assignable = []
    final LinkedHashMap<String, Vm> vms = new LinkedHashMap<>()
    /** Runtime Xen state (domains, live vCPU pins, cpupools): not in twin files; a boot resets it. */
    final DemoXlState xl = new DemoXlState()
    /** Each CPU with its core, socket and node (xl info -n's cpu_topology). */
    List<DemoCpu> cpus = (0..15).collect { int c -> new DemoCpu(c, c % 8, c.intdiv(8), c.intdiv(8)) }
    /** The name the host goes by in journals and messages (null: the demo's). */
    String label
    /** Host memory free for VMs, in MiB (xl info free_memory); a VM needing more does not start. */
    long freeMemoryMib = 118530
    /** VT-d on in the firmware (Xen then reports hvm_directio). */
    boolean iommu = true
    String bootId
    /** How many times the host has booted (the next boot id derives from it). */
    int boots = 0
    /** The GPUs as XAPI sees them, supplemental packs and vGPUs. */
    final DemoGpuState gpu = new DemoGpuState()
    /** USB devices, the usb-policy file and VUSBs. */
    DemoUsb usb = new DemoUsb()

    /**
     * A dual-socket XCP-ng 8.3 host with a spare NIC, an NVMe drive, a GPU with its audio function, and VMs:
     * two named 'scratch', and 'big-db', which needs more memory than the host has free (its start fails);
     * read from the shipped twin file {@code demo}.
     */
    static DemoState standard() { TwinFile.xcpng(TwinFile.resource('demo'), 'demo.yaml') }

    /** Boots (or reboots): the configured boot lines and hidden devices take effect, VMs stop, a new boot id. */
    void boot() {
        if (nextXenCmdline != null) {
            xenCmdline = nextXenCmdline
            extraGuestIrqs = DemoKernelCmdline.params(nextXenCmdline)
                    .find { String p -> DemoKernelCmdline.name(p) == 'extra_guest_irqs' }
                    ?.with { String p -> DemoKernelCmdline.value(p) }
            nextXenCmdline = null
        }
        if (nextDom0Cmdline != null) {
            dom0Cmdline = nextDom0Cmdline
            nextDom0Cmdline = null
        }
        boots++
        bootId = UUID.nameUUIDFromBytes("demo-xcp-ng boot ${boots}".bytes).toString()
        assignable = new ArrayList<PciAddress>(hideConfigured)
        vms.values().each { Vm v -> v.powerState = 'halted' }
        gpu.boot(this)
        usb.vusbs*.attached = false
        xl.reset()
    }

    /** lspci -nnk -D (see {@link DemoLspci}): dom0's driver is pciback for a device hidden in this boot. */
    String lspci() {
        pci.collect { PciAddress a, String line ->
            String module = drivers[a]?.replace('-', '_')
            List<String> modules = module && module != 'pcieport' ? [module] : []
            DemoLspci.block(a, line, subsystems[a], assignable.contains(a) ? 'pciback' : drivers[a], modules)
        }.join('')
    }

    /**
     * The cpu_topology and device topology tables xl info -n adds (xl_info.c, output_topologyinfo: a device without a
     * node is left out, and none at all prints "No device topology data available", as a real Xen 4.17 did in
     * ../shared/research/xen-lab-outputs/xl_info_-n.out), and its numa_info table (output_numainfo: node, memsize and
     * memfree in MiB, then the distances joined by commas).
     */
    String xlTopology() {
        StringBuilder b = new StringBuilder('cpu_topology           :\ncpu:    core    socket     node\n')
        cpus.each { DemoCpu c -> b << String.format('%3d:    %4d     %4d     %4d\n', c.cpu, c.core, c.socket, c.node) }
        b << 'device topology        :\ndevice           node\n'
        Map<PciAddress, Integer> known = nodes.findAll { PciAddress a, Integer n -> n != null && n >= 0 }
        known.each { PciAddress a, Integer n -> b << "${DemoLspci.slot(a)}      ${n}\n" }
        if (known.isEmpty()) b << 'No device topology data available\n'
        b << 'numa_info              :\nnode:    memsize    memfree    distances\n'
        numa.each { DemoNumaNode n ->
            b << String.format('%4d:    %6d     %6d      ', n.node, n.memsizeMib, n.memfreeMib) <<
                    n.distances.join(',') << '\n'
        }
        b.toString()
    }

    /** Xen's command line in this boot, with extra_guest_irqs as configured (xl info xen_commandline). */
    String xenCommandline() { DemoKernelCmdline.withParam(xenCmdline, 'extra_guest_irqs', extraGuestIrqs, true) }

    /** Xen's command line for the next boot, as xen-cmdline --get-xen reads and --set-xen edits it. */
    String configuredXenCmdline() { nextXenCmdline ?: xenCommandline() }

    /** dom0's command line for the next boot, xen-pciback.hide aside (xen-cmdline --get-dom0 reads it). */
    String configuredDom0Cmdline() { nextDom0Cmdline ?: dom0Cmdline }

    /** dom0's command line in this boot (/proc/cmdline): xen-pciback.hide names the devices pciback holds. */
    String dom0Commandline() {
        String hide = assignable ? assignable.collect { "(${DemoLspci.slot(it)})" }.join('') : null
        DemoKernelCmdline.withParam(dom0Cmdline, 'xen-pciback.hide', hide, false)
    }

    /**
     * xe vm-list params=uuid,name-label,power-state,other-config,VCPUs-params: the fields in records.ml's order
     * (VCPUs-params before other-config, whatever the params order), laid out as xe lays out records
     * ({@link DemoXeRecords}).
     */
    String vmRecords() {
        vms.values().collect { Vm v ->
            DemoXeRecords.record([new DemoXeField('uuid', ' RO', v.uuid), new DemoXeField('name-label', ' RW', v.name),
                    new DemoXeField('power-state', ' RO', v.powerState),
                    new DemoXeField('VCPUs-params', 'MRW', DemoXe.map(v.vcpusParams)),
                    new DemoXeField('other-config', 'MRW', DemoXe.map(v.otherConfig))]) + '\n\n'
        }.join('')
    }

    /** xl info -n: xl info's fields with the topology tables before the Xen ones (xl_info.c, print_info). */
    String xlInfoNuma() {
        List<String> lines = xlInfo().readLines()
        int xen = lines.findIndexOf { it.startsWith('xen_major') }
        (lines.take(xen) + xlTopology().readLines() + lines.drop(xen)).join('\n') + '\n'
    }

    /**
     * xl info as Xen 4.17 prints it on XCP-ng 8.3 ("%-23s: %s"; virt_caps with the grant table versions and xen_caps
     * with its trailing space as a real Xen 4.17 printed them in ../shared/research/xen-lab-outputs/xl_info.out).
     */
    String xlInfo() {
        Map<String, String> f = new LinkedHashMap<>()
        f.host = 'xcp-ng-demo'
        f.release = '4.19.0+1'
        f.version = '#1 SMP Tue Jan 23 14:12:55 CET 2024'
        f.machine = 'x86_64'
        f.nr_cpus = "${cpus.size()}".toString()
        f.max_cpu_id = "${cpus.size() - 1}".toString()
        f.nr_nodes = "${cpus*.node.toSet().size()}".toString()
        f.cores_per_socket = "${cpus.findAll { it.socket == 0 }*.core.toSet().size()}".toString()
        f.threads_per_core = '1'
        f.cpu_mhz = '2100.000'
        f.hw_caps = 'bfebfbff:77fefbff:2c100800:00000021:00000001:000037ab:00000000:00000100'
        f.virt_caps = iommu ? 'pv hvm hvm_directio pv_directio hap shadow gnttab-v1 gnttab-v2'
                : 'pv hvm hap shadow gnttab-v1 gnttab-v2'
        f.total_memory = "${numa.sum(0L) { DemoNumaNode n -> n.memsizeMib }}".toString()
        f.free_memory = "${freeMemoryMib}".toString()
        f.sharing_freed_memory = '0'
        f.sharing_used_memory = '0'
        f.outstanding_claims = '0'
        f.free_cpus = '0'
        // xl prints xen_major, xen_minor and xen_extra, then "%d.%d%s" of the three as xen_version
        List<String> parts = xenVersion.split(/\./, 3) as List<String>
        f.xen_major = parts[0]
        f.xen_minor = parts.size() > 1 ? parts[1].replaceAll(/\D.*/, '') : '0'
        f.xen_extra = xenVersion.substring(Math.min((f.xen_major + '.' + f.xen_minor).length(), xenVersion.length()))
        f.xen_version = xenVersion
        f.xen_caps = 'xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 '
        f.xen_scheduler = 'credit'
        f.xen_pagesize = '4096'
        f.platform_params = 'virt_start=0xffff800000000000'
        f.xen_changeset = ''
        f.xen_commandline = xenCommandline()
        f.cc_compiler = 'gcc (GCC) 11.2.1 20210728 (Red Hat 11.2.1-1)'
        f.cc_compile_by = 'mockbuild'
        f.cc_compile_domain = '[unknown]'
        f.cc_compile_date = 'Tue Feb 13 12:00:00 CET 2024'
        f.build_id = '4f2b1d8a3e6c9b0f7a5d2e1c8b4a6f3d9e0c7b2a'
        f.xend_config_format = '4'
        f.collect { String k, String v -> String.format('%-23s: %s', k, v) + '\n' }.join('')
    }
}
