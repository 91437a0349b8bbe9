package dev.passthru.runtime.numa

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One NUMA node's memory: its total (sysfs meminfo MemTotal) and its huge pages per page size in this boot. */
@CompileStatic
@EqualsAndHashCode
final class NodeMemory {
    final int node
    /** MemTotal in KiB (null when the kernel's per-node meminfo was not read). */
    final Long totalKib
    /** Huge pages reserved on the node, by page size in KiB (2048, 1048576 on x86). */
    final Map<Long, Long> hugepages

    NodeMemory(int node, Long totalKib, Map<Long, Long> hugepages) {
        this.node = node
        this.totalKib = totalKib
        this.hugepages = Collections.unmodifiableMap(new TreeMap<Long, Long>(hugepages))
    }

    @Override
    String toString() { "node ${node}: ${totalKib} KiB, huge pages ${hugepages}" }
}
