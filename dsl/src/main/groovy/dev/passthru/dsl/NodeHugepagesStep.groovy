package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Huge pages reserved on one host NUMA node at every boot (KVM: a boot-time unit writes the node's nr_hugepages), or,
 * with no count, that reservation given back.
 */
@CompileStatic
final class NodeHugepagesStep extends Step {
    /** The page sizes the step takes, as written, with their size in KiB (the sysfs directory's hugepages-SIZEkB). */
    static final Map<String, Long> SIZES = ['2M': 2048L, '1G': 1048576L].asImmutable()

    final int node
    /** {@code 2M} or {@code 1G}. */
    final String size
    /** The pages wanted, or null to give the node's reservation back. */
    final Long count

    NodeHugepagesStep(int node, String size, Long count, SourceLocation location) {
        super(location)
        this.node = node
        this.size = size
        this.count = count
    }

    /** The page size in KiB. */
    long sizeKib() { SIZES[size] }

    String describe() {
        count == null ? "give back node ${node}'s ${size} hugepages"
                : "reserve ${count} ${size} hugepages on node ${node}"
    }
}
