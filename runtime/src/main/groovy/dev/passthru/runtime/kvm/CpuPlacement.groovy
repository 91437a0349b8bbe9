package dev.passthru.runtime.kvm

import dev.passthru.runtime.numa.CpuRow

import dev.passthru.dsl.CpuList
import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.numa.MissingCpus
import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/**
 * Pure: turns "pin these host CPUs" into libvirt pinning, using the host's real topology (lscpu), not
 * an assumed numbering. Host CPUs are grouped by physical core (socket, core). When every core in the
 * set is there whole (all its SMT siblings), the guest gets threads = siblings per core and each pair
 * of consecutive vCPUs lands on one core's siblings, so the guest's idea of SMT is true; otherwise the
 * guest gets one thread per core. One vCPU per host CPU: the VM's vCPU count must equal the set's size.
 */
@CompileStatic
final class CpuPlacement {
    private CpuPlacement() {}

    /**
     * {@code n} CPUs out of a pool (a NUMA node's, for numaNodeOf): whole physical cores first, in core
     * order, leaving the core of CPU 0 (where the host's own housekeeping runs) for last.
     */
    static CpuSet pick(List<CpuRow> host, CpuSet pool, int n, String vm) {
        List<CpuRow> inPool = host.findAll { CpuRow r -> pool.contains(r.cpu) }
        if (inPool.size() < n) {
            throw new StepFailedException("VM '${vm}' has ${n} vCPUs but the NUMA node has only ${inPool.size()} " +
                    "host CPUs (${CpuList.ranges(inPool*.cpu)}); give the VM at most ${inPool.size()} vCPUs")
        }
        Map<List<Integer>, List<Integer>> cores = new LinkedHashMap<>()
        inPool.sort(false) { CpuRow r -> [r.socket, r.core, r.cpu] }.each { CpuRow r ->
            cores.computeIfAbsent([r.socket, r.core], { k -> [] as List<Integer> }) << r.cpu
        }
        List<List<Integer>> ordered = cores.values().sort(false) { List<Integer> c -> c.contains(0) ? 1 : 0 }
        CpuSet.of((ordered.flatten() as List<Integer>).take(n))
    }

    /**
     * The pinning of {@code vcpus} vCPUs to {@code cpus}; CPUs the host lacks, or a count that differs, fail the step.
     */
    static Pinning place(List<CpuRow> host, CpuSet cpus, CpuSet emulator, int vcpus, String vm) {
        Map<Integer, CpuRow> byCpu = host.collectEntries { CpuRow r -> [(r.cpu): r] } as Map<Integer, CpuRow>
        String missing = MissingCpus.message(emulator == null ? cpus : cpus + emulator, CpuSet.of(byCpu.keySet()))
        if (missing) throw new StepFailedException("${missing} (lscpu)")
        if (vcpus != cpus.size()) {
            throw new StepFailedException("VM '${vm}' has ${vcpus} vCPU${vcpus == 1 ? '' : 's'} but pinVcpus names " +
                    "${cpus.size()} host CPUs (${cpus}); passthru pins one vCPU per host CPU: give the VM " +
                    "${cpus.size()} vCPUs or pin ${vcpus} CPUs")
        }
        // siblings of each physical core, as the host has them
        Map<List<Integer>, List<Integer>> coreCpus = new LinkedHashMap<>()
        host.sort(false) { CpuRow r -> r.cpu }.each { CpuRow r ->
            coreCpus.computeIfAbsent([r.socket, r.core], { k -> [] as List<Integer> }) << r.cpu
        }
        Map<List<Integer>, List<Integer>> chosen = new LinkedHashMap<>()
        cpus.each { Integer c ->
            CpuRow r = byCpu[c]
            chosen.computeIfAbsent([r.socket, r.core], { k -> [] as List<Integer> }) << c
        }
        Set<Integer> sizes = chosen.values()*.size().toSet()
        boolean wholeCores = sizes.size() == 1 && chosen.every { List<Integer> core, List<Integer> cs ->
            cs == coreCpus[core]
        }
        int threads = wholeCores ? sizes.first() : 1
        List<Integer> order = wholeCores ? chosen.values().flatten() as List<Integer> : cpus.toList()
        Map<Integer, String> pins = [:]
        order.eachWithIndex { Integer c, int v -> pins[v] = "${c}".toString() }
        new Pinning(pins, (emulator ?: cpus).toString(),
                new Topology(1, order.size().intdiv(threads) as Integer, threads))
    }
}
