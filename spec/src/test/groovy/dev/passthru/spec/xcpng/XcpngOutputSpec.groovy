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

    def "lspci -D lists addresses with their descriptions"() {
        given:
        String out = '''\
            0000:00:00.0 Host bridge: Intel Corporation Xeon E3-1200 v6/7th Gen Core Processor Host Bridge/DRAM Registers (rev 05)
            0000:06:00.0 VGA compatible controller: NVIDIA Corporation GP107 [GeForce GTX 1050] (rev a1)
            0000:06:00.1 Audio device: NVIDIA Corporation GP107GL High Definition Audio Controller (rev a1)
            10000:00:02.0 PCI bridge: Intel Corporation Sky Lake-E PCI Express Root Port A (rev 07)
            '''.stripIndent()

        when:
        Map m = XcpngOutput.lspci(out.readLines().findAll { !it.startsWith('10000') }.join('\n'))

        then:
        m.keySet()*.toString() == ['0000:00:00.0', '0000:06:00.0', '0000:06:00.1']
        m.values()[1] == 'VGA compatible controller: NVIDIA Corporation GP107 [GeForce GTX 1050] (rev a1)'

        when: 'a VMD domain above 0xffff (as lspci prints on some Intel servers) is beyond what PCI addresses hold here'
        XcpngOutput.lspci(out)

        then:
        thrown(OutputFormatException)
    }
}
