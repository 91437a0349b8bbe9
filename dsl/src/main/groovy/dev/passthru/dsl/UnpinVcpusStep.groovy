package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Remove a VM's vCPU pinning (and the guest CPU topology pinning set). */
@CompileStatic
final class UnpinVcpusStep extends VmStep {
    UnpinVcpusStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "unpin ${vmLabel()} vCPUs" }
}
