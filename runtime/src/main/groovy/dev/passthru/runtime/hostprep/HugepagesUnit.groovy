package dev.passthru.runtime.hostprep

import dev.passthru.dsl.NodeHugepagesStep
import groovy.transform.CompileStatic

/** The per-node huge pages unit: its name, its lines' keys and commands, and the sysfs file each writes. */
@CompileStatic
final class HugepagesUnit {
    static final String NAME = 'passthru-hugepages.service'
    static final String DESCRIPTION = 'huge pages per NUMA node'

    private HugepagesUnit() {}

    /** The node's count of huge pages of the step's size (drivers/base/node.c, mm/hugetlb.c). */
    static String sysfs(NodeHugepagesStep s) {
        "/sys/devices/system/node/node${s.node}/hugepages/hugepages-${s.sizeKib()}kB/nr_hugepages".toString()
    }

    /** The line's key: node and page size, e.g. {@code node0-2048kB}. */
    static String key(NodeHugepagesStep s) { "node${s.node}-${s.sizeKib()}kB".toString() }

    /** The line that writes the step's count at boot. */
    static UnitLine line(NodeHugepagesStep s) {
        new UnitLine(key(s), PrepCommands.unitWriteSysfs(sysfs(s), s.count))
    }
}
