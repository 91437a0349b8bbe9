package dev.passthru.runtime.numa

import groovy.transform.CompileStatic

/** The CPU part of {@code passthru facts}: counts, NUMA nodes with their CPUs, and SMT sibling groups. */
@CompileStatic
final class CpuFacts {
    private CpuFacts() {}

    static Map<String, Object> of(List<CpuRow> cpus) {
        [count    : cpus.size(),
         sockets  : cpus*.socket.unique().size(),
         cores    : cpus.collect { [it.socket, it.core] }.unique().size(),
         numaNodes: cpus*.node.unique().sort(),
         nodeCpus : cpus.groupBy { it.node }.collectEntries { k, v -> [(k.toString()): v*.cpu.sort()] },
         siblings : cpus.groupBy { [it.socket,
                 it.core] }.values().collect { List<CpuRow> c -> c*.cpu.sort() }
                 .findAll { it.size() > 1 }] as Map<String, Object>
    }
}
