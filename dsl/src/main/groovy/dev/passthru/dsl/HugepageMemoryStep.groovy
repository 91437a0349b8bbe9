package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Back a VM's memory with hugepages, or stop doing so. */
@CompileStatic
final class HugepageMemoryStep extends VmStep {
    final boolean enabled
    HugepageMemoryStep(String vm, boolean enabled, SourceLocation location) {
        super(vm, location)
        this.enabled = enabled
    }
    String describe() {
        enabled ? "back ${vmLabel()} memory with hugepages" : "stop backing ${vmLabel()} memory with hugepages"
    }
}
