package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Move a running VM into a cpupool (Xen: {@code xl cpupool-migrate}); runtime only. */
@CompileStatic
final class CpupoolStep extends VmStep {
    final String pool
    CpupoolStep(String vm, String pool, SourceLocation location) {
        super(vm, location)
        this.pool = pool
    }
    String describe() { "move ${vmLabel()} to cpupool '${pool}'" }
}
