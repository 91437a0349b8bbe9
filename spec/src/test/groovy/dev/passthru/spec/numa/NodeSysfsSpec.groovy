package dev.passthru.spec.numa

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.numa.NodeMemory
import dev.passthru.runtime.numa.NodeSysfs
import spock.lang.Specification

/** The per-node memory readers, on the kernel's own lines (drivers/base/node.c node_read_meminfo, hugetlb sysfs). */
class NodeSysfsSpec extends Specification {
    def "MemTotal per node: #source"() {
        expect:
        NodeSysfs.memTotals(text) == expected

        where:
        source                                              | text                                                                                    || expected
        'this build machine (Debian 12, one node), 2026-12-07' | '/sys/devices/system/node/node0/meminfo:Node 0 MemTotal:       24683748 kB\n'          || [0: 24683748L]
        'two nodes, drivers/base/node.c "Node %d MemTotal:       %8lu kB"' | '/sys/devices/system/node/node0/meminfo:Node 0 MemTotal:       32856724 kB\n/sys/devices/system/node/node1/meminfo:Node 1 MemTotal:       33019904 kB\n' || [0: 32856724L, 1: 33019904L]
        'a node with more than 8 digits of KiB (the field widens)' | '/sys/devices/system/node/node1/meminfo:Node 1 MemTotal:       1056721044 kB\n'        || [1: 1056721044L]
        'nothing (no node directories)'                     | ''                                                                                      || [:]
    }

    def "huge pages per node and page size: #source"() {
        expect:
        NodeSysfs.hugepages(text) == expected

        where:
        source                                    | text                                                                                                          || expected
        'this build machine (2M pages only)'      | '/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages:0\n'                                   || [0: [2048L: 0L]]
        'two nodes, 1G and 2M pages (glob order)' | '/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages:2\n/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages:512\n/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages:1\n/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages:0\n' || [0: [1048576L: 2L, 2048L: 512L], 1: [1048576L: 1L, 2048L: 0L]]
    }

    def "both listings make one value per node"() {
        expect:
        NodeSysfs.nodes([0: 100L, 1: 200L], [0: [2048L: 3L]]) ==
                [new NodeMemory(0, 100L, [2048L: 3L]), new NodeMemory(1, 200L, [:])]
    }

    def "a line that is not the kernel's is an error naming it: #line"() {
        when:
        NodeSysfs.memTotals(line)

        then:
        OutputFormatException e = thrown()
        e.message.contains("cannot read '${line.trim()}'")

        where:
        line << ['/sys/devices/system/node/node0/meminfo:Node 1 MemTotal:       24683748 kB\n',
                 'Node 0 MemTotal:       24683748 kB\n']
    }
}
