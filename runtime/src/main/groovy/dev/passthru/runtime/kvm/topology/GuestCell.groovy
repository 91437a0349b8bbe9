package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.CpuSet
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One guest NUMA cell: the host node it stands for, its vCPUs and the host CPUs they are pinned to, its memory. */
@CompileStatic
@EqualsAndHashCode
final class GuestCell {
    final int id
    final int hostNode
    /** The first vCPU of the cell; its vCPUs are {@code firstVcpu} up to {@code firstVcpu + hostCpus.size() - 1}. */
    final int firstVcpu
    /** Host CPUs in vCPU order (SMT siblings next to each other). */
    final List<Integer> hostCpus
    final long memoryKiB

    GuestCell(int id, int hostNode, int firstVcpu, List<Integer> hostCpus, long memoryKiB) {
        this.id = id
        this.hostNode = hostNode
        this.firstVcpu = firstVcpu
        this.hostCpus = List.copyOf(hostCpus)
        this.memoryKiB = memoryKiB
    }

    /** The cell's vCPUs as libvirt writes them in {@code <cell cpus=...>}: {@code 0-43}. */
    String vcpus() { CpuSet.range(firstVcpu, firstVcpu + hostCpus.size() - 1).toString() }
}
