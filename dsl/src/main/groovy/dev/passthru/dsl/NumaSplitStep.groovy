package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Split the host's CPUs into one cpupool per NUMA node (Xen: {@code xl cpupool-numa-split}); runtime only. */
@CompileStatic
final class NumaSplitStep extends Step {
    NumaSplitStep(SourceLocation location) { super(location) }
    String describe() { 'split the host CPUs into one cpupool per NUMA node' }
}
