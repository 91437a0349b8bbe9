package dev.passthru.spec.pcie

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.pcie.SysfsParents
import spock.lang.Specification

/**
 * Parent bridges from resolved sysfs device paths (drivers/pci/probe.c names a device's directory under its parent
 * bridge's; the root bus is pciDDDD:BB). The paths are real: the lab's q35 guest (recorded 2026-12-07) and a
 * GH100 HGX host's GPU behind two Broadcom PEX890xx switch levels as a public NCCL diagnosis lists it
 * (0000:a3:00.0 under a2:00.0 under a1:00.0 under the AMD root port a0:01.1).
 */
class SysfsParentsSpec extends Specification {

    def "#what"() {
        expect:
        SysfsParents.parse(text).collectEntries { k, v -> [(k.toString()): v?.toString()] } == expected

        where:
        what                              | text                                                                                                  || expected
        'a device on the root bus'        | '/sys/devices/pci0000:00/0000:00:02.0\n'                                                           || ['0000:00:02.0': null]
        'a device behind a root port'     | '/sys/devices/pci0000:00/0000:00:02.0\n/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0\n'        || ['0000:00:02.0': null, '0000:01:00.0': '0000:00:02.0']
        'a GPU behind two switch levels'  | '/sys/devices/pci0000:a0/0000:a0:01.1/0000:a1:00.0/0000:a2:00.0/0000:a3:00.0\n'                    || ['0000:a3:00.0': '0000:a2:00.0']
        'behind Intel VMD: its own root'  | '/sys/devices/pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:1d.0\n'                                 || ['10000:e0:1d.0': null]
        'empty output'                    | ''                                                                                                    || [:]
    }

    def "a line it cannot read is refused: #line"() {
        when:
        SysfsParents.parse(line)

        then:
        thrown(OutputFormatException)

        where:
        line << ['readlink: /sys/bus/pci/devices/*: No such file or directory\n', '/sys/devices/pci0000:00\n',
                 '/sys/bus/pci/devices/0000:00:02.0\n']
    }
}
