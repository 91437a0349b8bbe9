package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Verify that each vCPU of a running VM may run only on one NUMA node's CPUs (its hard affinity). */
@CompileStatic
final class VcpusOnNodeStep extends VmStep {
    final int node
    VcpusOnNodeStep(String vm, int node, SourceLocation location) {
        super(vm, location)
        this.node = node
    }
    String describe() { "verify ${vmLabel()} vCPUs on NUMA node ${node}" }
}
