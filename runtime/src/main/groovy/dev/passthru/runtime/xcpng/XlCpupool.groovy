package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One Xen cpupool: {@code xl cpupool-list}'s row joined with its CPUs from {@code xl cpupool-list -c}. */
@CompileStatic
@EqualsAndHashCode
final class XlCpupool {
    final String name
    final String scheduler
    final int domains
    final CpuSet cpus

    XlCpupool(String name, String scheduler, int domains, CpuSet cpus) {
        this.name = name
        this.scheduler = scheduler
        this.domains = domains
        this.cpus = cpus
    }

    @Override
    String toString() { "${name}: CPUs ${cpus}, ${domains} domain${domains == 1 ? '' : 's'}" }
}
