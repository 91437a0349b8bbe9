package dev.passthru.runtime.demo

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One NUMA node of a simulated Xen host: its memory and free memory in MiB, and its distance to each node. */
@CompileStatic
@EqualsAndHashCode
final class DemoNumaNode {
    final int node
    final long memsizeMib
    final long memfreeMib
    final List<Integer> distances

    DemoNumaNode(int node, long memsizeMib, long memfreeMib, List<Integer> distances) {
        this.node = node
        this.memsizeMib = memsizeMib
        this.memfreeMib = memfreeMib
        this.distances = List.copyOf(distances)
    }
}
