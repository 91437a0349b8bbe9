package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One row of {@code xl list --numa}: a domain and its memory's NUMA node affinity (null: all nodes). */
@CompileStatic
@EqualsAndHashCode
final class XlDomainNuma {
    final String name
    final int domid
    final int memoryMib
    final int vcpus
    final String state
    /** The nodes its memory comes from; null for {@code all}. */
    final CpuSet nodes

    XlDomainNuma(String name, int domid, int memoryMib, int vcpus, String state, CpuSet nodes) {
        this.name = name
        this.domid = domid
        this.memoryMib = memoryMib
        this.vcpus = vcpus
        this.state = state
        this.nodes = nodes
    }

    /** The node affinity as xl prints it. */
    String nodesText() { nodes == null ? 'all' : nodes.toString() }

    @Override
    String toString() { "${name} (${domid}): node affinity ${nodesText()}" }
}
