package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Keep a VM's memory on one host NUMA node (strict), or drop that rule when the node is null. */
@CompileStatic
final class NumaMemoryStep extends VmStep {
    final Integer node
    NumaMemoryStep(String vm, Integer node, SourceLocation location) { super(vm, location); this.node = node }
    String describe() {
        node == null ? "let ${vmLabel()} memory use any NUMA node" : "keep ${vmLabel()} memory on NUMA node ${node}"
    }
}
