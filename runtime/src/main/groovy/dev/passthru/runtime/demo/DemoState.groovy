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
    /** extra_guest_irqs on Xen's command line (null: not set). */
    String extraGuestIrqs
    /** xen-pciback.hide as configured for the next boot. */
    List<PciAddress> hideConfigured = []
    /** Devices bound to pciback in this boot. */
    List<PciAddress> assignable = []
    final LinkedHashMap<String, Vm> vms = new LinkedHashMap<>()
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

    /**
     * A dual-socket XCP-ng 8.3 host with a spare NIC, an NVMe drive, a GPU with its audio function, and VMs:
     * two named 'scratch', and 'big-db', which needs more memory than the host has free (its start fails);
     * read from the shipped twin file {@code demo}.
     */
    static DemoState standard() { TwinFile.xcpng(TwinFile.resource('demo'), 'demo.yaml') }

    /** Boots (or reboots): the configured hidden devices take effect, VMs stop, a new boot id. */
    void boot() {
        boots++
        bootId = UUID.nameUUIDFromBytes("demo-xcp-ng boot ${boots}".bytes).toString()
        assignable = new ArrayList<PciAddress>(hideConfigured)
        vms.values().each { Vm v -> v.powerState = 'halted' }
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
     * The cpu_topology and device topology tables xl info -n adds (xl_info.c, output_topologyinfo), and its numa_info
     * table.
     */
    String xlTopology() {
        StringBuilder b = new StringBuilder('cpu_topology           :\ncpu:    core    socket     node\n')
        cpus.each { DemoCpu c -> b << String.format('%3d:    %4d     %4d     %4d%n', c.cpu, c.core, c.socket, c.node) }
        b << 'device topology        :\ndevice           node\n'
        nodes.each { PciAddress a, Integer n -> b << "${DemoLspci.slot(a)}      ${n}\n" }
        b << 'numa_info              :\nnode:    memsize    memfree    distances\n'
        b << String.format('%4d:    %6d     %6d      %d,%d%n', 0, 65536, 58112, 10, 21)
        b << String.format('%4d:    %6d     %6d      %d,%d%n', 1, 65501, 60418, 21, 10)
        b.toString()
    }

    /**
     * xe vm-list params=uuid,name-label,power-state,other-config,VCPUs-params: records of right-aligned "name ( RO):
     * value" lines.
     */
    String vmRecords() {
        vms.values().collect { Vm v ->
            ['uuid ( RO)               : ' + v.uuid,
             '         name-label ( RW): ' + v.name,
             '        power-state ( RO): ' + v.powerState,
             '       other-config (MRW): ' + v.otherConfig.collect { k, x -> "${k}: ${x}" }.join('; '),
             '       VCPUs-params (MRW): ' + v.vcpusParams.collect { k, x -> "${k}: ${x}" }.join('; ')].join('\n') +
                     '\n\n\n'
        }.join('')
    }

    /** xl info -n: xl info's fields with the topology tables before the Xen ones (xl_info.c, print_info). */
    String xlInfoNuma() {
        List<String> lines = xlInfo().readLines()
        int xen = lines.findIndexOf { it.startsWith('xen_major') }
        (lines.take(xen) + xlTopology().readLines() + lines.drop(xen)).join('\n') + '\n'
    }

    /** xl info as Xen 4.17 prints it on XCP-ng 8.3 ("%-23s: %s"). */
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
        f.virt_caps = iommu ? 'pv hvm hvm_directio pv_directio hap shadow' : 'pv hvm hap shadow'
        f.total_memory = '131037'
        f.free_memory = "${freeMemoryMib}".toString()
        f.sharing_freed_memory = '0'
        f.sharing_used_memory = '0'
        f.outstanding_claims = '0'
        f.free_cpus = '0'
        f.xen_major = '4'
        f.xen_minor = '17'
        f.xen_extra = '.3-3'
        f.xen_version = '4.17.3-3'
        f.xen_caps = 'xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64'
        f.xen_scheduler = 'credit'
        f.xen_pagesize = '4096'
        f.platform_params = 'virt_start=0xffff800000000000'
        f.xen_changeset = ''
        f.xen_commandline = (extraGuestIrqs ? "extra_guest_irqs=${extraGuestIrqs} " : '') +
                'dom0_mem=8192M,max:8192M watchdog ucode=scan dom0_max_vcpus=1-16 crashkernel=256M,below=4G ' +
                'console=vga vga=mode-0x0311'
        f.cc_compiler = 'gcc (GCC) 11.2.1 20210728 (Red Hat 11.2.1-1)'
        f.cc_compile_by = 'mockbuild'
        f.cc_compile_domain = '[unknown]'
        f.cc_compile_date = 'Tue Feb 13 12:00:00 CET 2024'
        f.build_id = '4f2b1d8a3e6c9b0f7a5d2e1c8b4a6f3d9e0c7b2a'
        f.xend_config_format = '4'
        f.collect { String k, String v -> String.format('%-23s: %s', k, v) + '\n' }.join('')
    }
}
