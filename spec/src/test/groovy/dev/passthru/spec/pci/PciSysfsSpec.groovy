package dev.passthru.spec.pci

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pci.PciSysfs
import spock.lang.Specification

/**
 * The sysfs PCI listings (Documentation/ABI/testing/sysfs-bus-pci: numa_node is the node or -1 when
 * the firmware gives none; a VF's physfn links to its PF) and lspci's odd domains.
 */
class PciSysfsSpec extends Specification {

    def "numa_node listing (grep -H): #what"() {
        expect:
        PciSysfs.numaNodes(text).collectEntries { k, v -> [(k.toString()): v] } == expected

        where:
        what                         | text                                                                                                                       || expected
        'two nodes'                  | '/sys/bus/pci/devices/0000:00:00.0/numa_node:0\n/sys/bus/pci/devices/0000:81:00.0/numa_node:1\n'                        || ['0000:00:00.0': 0, '0000:81:00.0': 1]
        'no NUMA info is -1'         | '/sys/bus/pci/devices/0000:00:03.0/numa_node:-1\n'                                                                       || ['0000:00:03.0': -1]
        'a domain other than 0000'   | '/sys/bus/pci/devices/0001:41:00.0/numa_node:3\n'                                                                        || ['0001:41:00.0': 3]
        'empty output'               | ''                                                                                                                         || [:]
    }

    def "numa_node listing: a line it cannot read is refused: #line.inspect()"() {
        when:
        PciSysfs.numaNodes(line)

        then:
        thrown(OutputFormatException)

        where:
        line << ['/sys/bus/pci/devices/0000:00:00.0/numa_node\n', 'grep: /sys/bus/pci/devices/*/numa_node: No such file or directory\n', '/sys/bus/pci/devices/0000:00:00.0/numa_node:x\n']
    }

    def "boot_vga listing (grep -H; the file exists for display devices only, drivers/pci/pci-sysfs.c): #what"() {
        expect:
        PciSysfs.bootVga(text).collectEntries { k, v -> [(k.toString()): v] } == expected

        where:
        what                                      | text                                                                                               || expected
        'the lab (q35 std VGA), recorded 2026-12-07' | '/sys/bus/pci/devices/0000:00:01.0/boot_vga:1\n'                                                  || ['0000:00:01.0': true]
        'a BMC console and a GPU to pass through' | '/sys/bus/pci/devices/0000:03:00.0/boot_vga:1\n/sys/bus/pci/devices/0000:65:00.0/boot_vga:0\n'    || ['0000:03:00.0': true, '0000:65:00.0': false]
        'no display device'                       | ''                                                                                                 || [:]
    }

    def "boot_vga listing: a line it cannot read is refused: #line.inspect()"() {
        when:
        PciSysfs.bootVga(line)

        then:
        thrown(OutputFormatException)

        where:
        line << ['/sys/bus/pci/devices/0000:00:01.0/boot_vga:2\n', 'grep: /sys/bus/pci/devices/*/boot_vga: No such file or directory\n']
    }

    def "physfn listing: #what"() {
        expect:
        PciSysfs.physfns(text).collectEntries { k, v -> [(k.toString()): v.toString()] } == expected

        where:
        what                     | text                                                                   || expected
        'two VFs of one PF'      | '0000:03:10.0 ../0000:03:00.0\n0000:03:10.2 ../0000:03:00.0\n'        || ['0000:03:10.0': '0000:03:00.0', '0000:03:10.2': '0000:03:00.0']
        'no SR-IOV on the host'  | ''                                                                     || [:]
        'another domain'         | '0001:41:02.0 ../0001:41:00.0\n'                                       || ['0001:41:02.0': '0001:41:00.0']
    }

    def "lspci: a VMD domain above 0xffff (as lspci prints on some Intel servers) is read, not refused (issue 13)"() {
        when:
        List<PciFunction> fns = Lspci.parse('10000:00:02.0 PCI bridge [0604]: Intel Corporation Sky Lake-E ' +
                'PCI Express Root Port A [8086:2030] (rev 07)\n')

        then:
        fns*.address*.toString() == ['10000:00:02.0']
        fns[0].address.behindVmd
    }

    def "lspci: a line that is no device is still refused, naming it"() {
        when:
        Lspci.parse('1000g:00:02.0 PCI bridge [0604]: Intel Corporation Sky Lake-E PCI Express Root Port A ' +
                '[8086:2030]\n')

        then:
        OutputFormatException e = thrown()
        e.message.contains('1000g:00:02.0')
    }
}
