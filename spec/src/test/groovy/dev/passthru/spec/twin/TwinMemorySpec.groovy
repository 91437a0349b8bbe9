package dev.passthru.spec.twin

import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.TwinCannotAnswerException
import dev.passthru.runtime.numa.NodeSysfs
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification

/** A KVM twin's memory per NUMA node (MemTotal, the huge pages a boot reserves) and its display devices' boot_vga. */
class TwinMemorySpec extends Specification {
    /** The KVM demo twin booted with {@code cmdline}. */
    static DemoKvmHost bootedWith(String cmdline) {
        DemoKvmState s = DemoKvmState.standard()
        s.grubCfgCmdline = cmdline
        s.boot()
        new DemoKvmHost(s)
    }

    def "the twin shows each node's MemTotal as the kernel prints it"() {
        expect:
        new DemoKvmHost().run(NodeSysfs.MEM_TOTALS).stdout ==
                '/sys/devices/system/node/node0/meminfo:Node 0 MemTotal:       32856724 kB\n' +
                '/sys/devices/system/node/node1/meminfo:Node 1 MemTotal:       33019904 kB\n'
    }

    def "a boot reserves the huge pages its command line asks for: #cmdline"() {
        when:
        DemoKvmHost host = bootedWith(cmdline)

        then:
        NodeSysfs.hugepages(host.run(NodeSysfs.HUGEPAGES).stdout) == expected
        host.run('cat /sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages').stdout ==
                "${expected[1][2048L]}\n"

        where:
        cmdline                                         || expected
        'ro quiet'                                      || [0: [1048576L: 0L, 2048L: 0L], 1: [1048576L: 0L, 2048L: 0L]]
        'ro hugepages=1025'                             || [0: [1048576L: 0L, 2048L: 513L], 1: [1048576L: 0L, 2048L: 512L]]
        'ro hugepagesz=1G hugepages=3'                  || [0: [1048576L: 2L, 2048L: 0L], 1: [1048576L: 1L, 2048L: 0L]]
        'ro default_hugepagesz=1G hugepages=0:4,1:0'    || [0: [1048576L: 4L, 2048L: 0L], 1: [1048576L: 0L, 2048L: 0L]]
        'ro hugepagesz=1G hugepages=0:40'               || [0: [1048576L: 31L, 2048L: 0L], 1: [1048576L: 0L, 2048L: 0L]]
    }

    def "memory is written to and read from the twin file"() {
        given:
        DemoKvmHost host = bootedWith('ro hugepages=6')

        when:
        DemoKvmHost again = (DemoKvmHost) TwinFile.read(TwinFile.write(host), 'x.yaml')

        then:
        again.state.hugepages == host.state.hugepages
        again.state.nodeMemKib == [0: 32856724L, 1: 33019904L]
        again.state.hugepagesOf(2048L) == 6
    }

    def "the twin shows boot_vga for its display devices only; a twin without one answers as grep does"() {
        given:
        DemoKvmState none = DemoKvmState.standard()
        none.bootVga.clear()

        expect:
        new DemoKvmHost().run(PciCommands.BOOT_VGA).stdout == '/sys/bus/pci/devices/0000:06:00.0/boot_vga:1\n'
        new DemoKvmHost(none).run(PciCommands.BOOT_VGA).exit == 2
        new DemoKvmHost(none).run(PciCommands.BOOT_VGA).stderr ==
                'grep: /sys/bus/pci/devices/*/boot_vga: No such file or directory\n'
    }

    def "a twin that does not know its nodes' memory cannot answer for it"() {
        given:
        DemoKvmState s = DemoKvmState.standard()
        s.nodeMemKib.clear()
        s.hugepages.clear()

        when:
        new DemoKvmHost(s).run(NodeSysfs.MEM_TOTALS)

        then:
        TwinCannotAnswerException e = thrown()
        e.message == "the twin cannot answer `${NodeSysfs.MEM_TOTALS}`; record a tape"
    }
}
