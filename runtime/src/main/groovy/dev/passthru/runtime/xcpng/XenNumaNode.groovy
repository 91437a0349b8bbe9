package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One row of {@code xl info -n}'s numa_info table: a node's memory and free memory in MiB, and its distances. */
@CompileStatic
@EqualsAndHashCode
final class XenNumaNode {
    final int node
    final long memsizeMib
    final long memfreeMib
    final List<Integer> distances

    XenNumaNode(int node, long memsizeMib, long memfreeMib, List<Integer> distances) {
        this.node = node
        this.memsizeMib = memsizeMib
        this.memfreeMib = memfreeMib
        this.distances = List.copyOf(distances)
    }

    @Override
    String toString() { "node ${node}: ${memsizeMib} MiB, ${memfreeMib} free, distances ${distances.join(',')}" }
}
