package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Verify that a running VM's memory node affinity is one NUMA node (Xen: {@code xl list --numa}). */
@CompileStatic
final class NodeAffinityStep extends VmStep {
    final int node
    NodeAffinityStep(String vm, int node, SourceLocation location) {
        super(vm, location)
        this.node = node
    }
    String describe() { "verify ${vmLabel()} memory node affinity ${node}" }
}
