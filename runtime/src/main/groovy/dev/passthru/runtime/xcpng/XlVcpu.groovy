package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One row of {@code xl vcpu-list}: a domain's vCPU, where it runs, and its hard and soft affinity (null: all). */
@CompileStatic
@EqualsAndHashCode
final class XlVcpu {
    final String domain
    final int domid
    final int vcpu
    /** The CPU it runs on now, or null when it runs nowhere ({@code -}: paused or offline). */
    final Integer cpu
    final String state
    /** The CPUs it may run on; null for {@code all}. */
    final CpuSet hard
    /** The CPUs it prefers; null for {@code all}. */
    final CpuSet soft

    XlVcpu(String domain, int domid, int vcpu, Integer cpu, String state, CpuSet hard, CpuSet soft) {
        this.domain = domain
        this.domid = domid
        this.vcpu = vcpu
        this.cpu = cpu
        this.state = state
        this.hard = hard
        this.soft = soft
    }

    /** The hard affinity as xl prints it. */
    String hardText() { hard == null ? 'all' : hard.toString() }

    @Override
    String toString() { "${domain} (${domid}) vCPU ${vcpu}: ${hardText()} / ${soft == null ? 'all' : soft}" }
}
