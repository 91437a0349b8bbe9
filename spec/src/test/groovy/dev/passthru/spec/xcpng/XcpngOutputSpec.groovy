package dev.passthru.spec.xcpng

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.XcpngOutput
import spock.lang.Specification

/** The XCP-ng output parsers on real output shapes, including the odd ones. */
class XcpngOutputSpec extends Specification {

    def "xen-cmdline --get-dom0 xen-pciback.hide: #stdout.inspect() hides #expected"() {
        expect:
        XcpngOutput.hiddenDevices(stdout)*.toString() == expected

        where:
        stdout                                                            || expected
        ''                                                                || []
        '\n'                                                              || []
        'xen-pciback.hide=(0000:04:01.0)\n'                               || ['0000:04:01.0']
        'xen-pciback.hide=(0000:c2:00.0)(0000:82:00.0)(0000:83:00.0)\n'   || ['0000:c2:00.0', '0000:82:00.0', '0000:83:00.0']
        'xen-pciback.hide="(0000:04:01.0)(0001:81:00.1)"\n'               || ['0000:04:01.0', '0001:81:00.1']
        'xen-pciback.hide=(04:01.0)\n'                                    || ['0000:04:01.0']
        'xen-pciback.hide=\n'                                             || []
    }

    def "xen-cmdline output it cannot read is refused, not guessed: #stdout.inspect()"() {
        when:
        XcpngOutput.hiddenDevices(stdout)

        then:
        thrown(OutputFormatException)

        where:
        stdout << ['Usage: xen-cmdline [--get-xen|--get-dom0] ...\n', 'xen-pciback.hide=0000:04:01.0\n', 'xen-pciback.hide=(0000:04:01)\n']
    }

    def "hide value is the devices in parentheses"() {
        expect:
        XcpngOutput.hideValue(XcpngOutput.hiddenDevices('xen-pciback.hide=(0000:04:01.0)(0000:05:00.0)')) == '(0000:04:01.0)(0000:05:00.0)'
    }

    def "xl pci-assignable-list: #stdout.inspect()"() {
        expect:
        XcpngOutput.assignable(stdout)*.toString() == expected

        where:
        stdout                                  || expected
        ''                                      || []
        '0000:04:01.0\n'                        || ['0000:04:01.0']
        '0000:00:17.0\n0000:05:00.0\n'          || ['0000:00:17.0', '0000:05:00.0']
        '0000:04:01.0 nic0\n'                   || ['0000:04:01.0']
        '0001:81:00.1\n\n'                      || ['0001:81:00.1']
        '0000:00:03.0 \n'                       || ['0000:00:03.0']  // real Xen 4.17: real/xen-lab-dom0
    }

    def "xen-cmdline --get-xen/--get-dom0 #key: #stdout.inspect() is #expected"() {
        expect:
        XcpngOutput.bootOption(stdout, key) == expected

        where:
        key                | stdout                                || expected
        // an unset key: an empty line (recorded on the Xen lab, see DemoXcpngHost.xenCmdline)
        'extra_guest_irqs' | '\n'                                  || null
        'extra_guest_irqs' | 'extra_guest_irqs=128\n'              || 'extra_guest_irqs=128'
        'extra_guest_irqs' | 'extra_guest_irqs=64,512\n'           || 'extra_guest_irqs=64,512'
        'iommu'            | 'iommu=1,verbose\n'                   || 'iommu=1,verbose'
        'iommu'            | 'iommu_inclusive_mapping=1\n'         || null
    }

    def "xl info xen_commandline: Xen's running options, #expected"() {
        expect:
        XcpngOutput.xenCommandline(stdout) == expected

        where:
        stdout || expected
        // ../shared/research/xen-lab-outputs/xl_info.out (Debian 12's Xen 4.17 under QEMU), lines 27-29
        'xen_changeset          : \nxen_commandline        : console=com1 com1=115200,8n1 dom0_mem=512M,max:512M ' +
                'iommu=1,verbose loglvl=all guest_loglvl=all noreboot\ncc_compiler            : x86_64-linux-gnu-gcc ' +
                '(Debian 12.2.0-14+deb12u1) 12.2.0\n' || ['console=com1', 'com1=115200,8n1', 'dom0_mem=512M,max:512M',
                                                         'iommu=1,verbose', 'loglvl=all', 'guest_loglvl=all', 'noreboot']
        'xen_commandline        : \n' || []
    }

    def "xl info without xen_commandline is refused"() {
        when:
        XcpngOutput.xenCommandline('nr_cpus                : 16\n')

        then:
        thrown(OutputFormatException)
    }

    def "xl info gives nr_cpus (#expected)"() {
        expect:
        XcpngOutput.cpuCount(stdout) == expected

        where:
        stdout                                                                              || expected
        'host                   : xcp-ng-01\nnr_cpus                : 16\nmax_cpu_id             : 15\n' || 16
        'nr_cpus                : 1\n'                                                      || 1
        'xen_changeset          : \nnr_cpus                : 256\n'                          || 256
    }

    def "xl info without nr_cpus is refused"() {
        when:
        XcpngOutput.cpuCount('host : x\n')

        then:
        OutputFormatException e = thrown()
        e.message.contains('nr_cpus')
    }

    def "xe --minimal listing #stdout.inspect() is #expected"() {
        expect:
        XcpngOutput.minimalList(stdout) == expected

        where:
        stdout                                          || expected
        '\n'                                            || []
        ''                                              || []
        'a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c\n'        || ['a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c']
        'aaa,bbb\n'                                     || ['aaa', 'bbb']
    }

    def "xe map parameter #stdout.inspect()"() {
        expect:
        XcpngOutput.xeMap(stdout) == expected

        where:
        stdout                                                                         || expected
        '\n'                                                                           || [:]
        'acpi: true; apic: true; pae: true; nx: false\n'                               || [acpi: 'true', apic: 'true', pae: 'true', nx: 'false']
        'base_template_name: Other install media; pci: 0/0000:04:01.0,0/0000:05:00.0\n' || [base_template_name: 'Other install media', pci: '0/0000:04:01.0,0/0000:05:00.0']
        'weight: 256; mask: 8,9,10,11\n'                                               || [weight: '256', mask: '8,9,10,11']
        'folder:\n'                                                                    || [folder: '']
    }

    def "other-config:pci #value"() {
        expect:
        XcpngOutput.pciEntries(value)*.toString() == expected
        XcpngOutput.pciValue(XcpngOutput.pciEntries(value)) == (value ?: '')

        where:
        value                                   || expected
        null                                    || []
        ''                                      || []
        '0/0000:04:01.0'                        || ['0/0000:04:01.0']
        '0/0000:c2:00.0,0/0000:82:00.0'         || ['0/0000:c2:00.0', '0/0000:82:00.0']
        '1/0000:81:00.0,2/0000:81:00.1'         || ['1/0000:81:00.0', '2/0000:81:00.1']
    }

    def "a VCPUs mask #value is #expected"() {
        expect:
        XcpngOutput.cpuMask(value) == expected

        where:
        value             || expected
        null              || []
        ''                || []
        '8,9,10,11'       || [8, 9, 10, 11]
        '0'               || [0]
    }

    /** xl info -n as xl_info.c prints it (output_physinfo, output_topologyinfo, output_numainfo), for a 2-socket, 4-CPU host. */
    static final String XL_INFO_N = '''\
host                   : xcp-ng-01
release                : 4.19.0+1
nr_cpus                : 4
max_cpu_id             : 3
nr_nodes               : 2
cores_per_socket       : 2
threads_per_core       : 1
virt_caps              : pv hvm hvm_directio pv_directio hap shadow
cpu_topology           :
cpu:    core    socket     node
  0:       0        0        0
  1:       1        0        0
  2:       0        1        1
  3:       1        1        1
device topology        :
device           node
0000:00:00.0      0
0000:81:00.0      1
0001:02:00.1      -1
numa_info              :
node:    memsize    memfree    distances
   0:      65536      58112      10,21
   1:      65501      60418      21,10
xen_major              : 4
xen_minor              : 17
'''

    def "xl info -n: the cpu_topology table is cpu, core, socket, node"() {
        expect:
        XcpngOutput.cpuTopology(XL_INFO_N).collect { [it.cpu, it.core, it.socket, it.node] } == [[0, 0, 0, 0], [1, 1, 0, 0], [2, 0, 1, 1], [3, 1, 1, 1]]
        XcpngOutput.xlInfo(XL_INFO_N)['nr_cpus'] == '4'
        XcpngOutput.xlInfo(XL_INFO_N)['xen_minor'] == '17'
    }

    def "xl info -n device topology: #what"() {
        expect:
        XcpngOutput.deviceTopology(text).collectEntries { k, v -> [(k.toString()): v] } == expected

        where:
        what                                   | text                                                                                              || expected
        'nodes per device, other domains, -1'  | XL_INFO_N                                                                                         || ['0000:00:00.0': 0, '0000:81:00.0': 1, '0001:02:00.1': -1]
        'Xen without device NUMA data'         | 'cpu_topology           :\ncpu:    core    socket     node\n  0:       0        0        0\ndevice topology        :\ndevice           node\nNo device topology data available\nnuma_info              :\n' || [:]
        'xl info without -n'                   | 'host                   : h\nnr_cpus                : 4\n'                                       || [:]
    }

    def "xl info -n numa_info: #what"() {
        expect:
        XcpngOutput.numaInfo(text).collect { [it.node, it.memsizeMib, it.memfreeMib, it.distances] } == expected

        where:
        what                                      | text      || expected
        'two nodes with their distances'          | XL_INFO_N || [[0, 65536L, 58112L, [10, 21]], [1, 65501L, 60418L, [21, 10]]]
        // a real Xen 4.17.7 under QEMU: ../shared/research/xen-lab-outputs/xl_info_-n.out
        'one node (a real Xen 4.17)'              | 'numa_info              :\nnode:    memsize    memfree    distances\n   0:      1535       1003      10\nxen_major              : 4\n' || [[0, 1535L, 1003L, [10]]]
        'xl info without -n'                      | 'host                   : h\nnr_cpus                : 4\n' || []
    }

    def "xl info -n: a numa_info row it cannot read is refused"() {
        when:
        XcpngOutput.numaInfo('numa_info              :\nnode:    memsize    memfree    distances\n   0:  lots\n')

        then:
        OutputFormatException e = thrown()
        e.message.contains("numa_info: cannot read '   0:  lots'")
    }

    def "xl info -n: a topology row it cannot read is refused"() {
        when:
        XcpngOutput.cpuTopology('cpu_topology           :\ncpu:    core    socket     node\n  0:  zero\ndevice topology        :\n')

        then:
        OutputFormatException e = thrown()
        e.message.contains("cannot read '  0:  zero'")
    }

    def "virt_caps says whether the IOMMU is on: #caps"() {
        expect:
        XcpngOutput.iommuOn([virt_caps: caps]) == on

        where:
        caps                                                                                  || on
        'pv hvm hvm_directio pv_directio hap shadow'                                          || true
        'pv hvm hap shadow'                                                                   || false
        'pv hvm hvm_directio pv_directio hap shadow iommu_hap_pt_share vmtrace gnttab-v1'     || true
        ''                                                                                    || false
    }

    def "xen-cmdline --get-xen: #stdout.inspect()"() {
        expect:
        XcpngOutput.xenOption(stdout, 'extra_guest_irqs') == value

        where:
        stdout                           || value
        ''                               || null
        'extra_guest_irqs=64\n'          || '64'
        'extra_guest_irqs=64,128\n'      || '64,128'
        'extra_guest_irqs=\n'            || ''
    }

    def "xe vm-list params=...: records of 'name ( RO): value' lines, blank lines between"() {
        given:
        String out = '''\
uuid ( RO)               : a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c
         name-label ( RW): router
        power-state ( RO): running
       other-config (MRW): pci: 0/0000:04:01.0; mac_seed: 5f1c
       VCPUs-params (MRW): mask: 0,1,2,3


uuid ( RO)               : b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d
         name-label ( RW): lab "blue" #1
        power-state ( RO): halted
       other-config (MRW): 
       VCPUs-params (MRW): weight: 256

'''
        when:
        List<Map<String, String>> r = XcpngOutput.records(out)

        then:
        r*.'name-label' == ['router', 'lab "blue" #1']
        r*.'power-state' == ['running', 'halted']
        XcpngOutput.pciEntries(XcpngOutput.xeMap(r[0]['other-config'])['pci'])*.address*.toString() == ['0000:04:01.0']
        r[1]['other-config'] == ''
        XcpngOutput.records('') == []

        when:
        XcpngOutput.records('uuid: 1234\n')

        then:
        thrown(OutputFormatException)
    }
}
