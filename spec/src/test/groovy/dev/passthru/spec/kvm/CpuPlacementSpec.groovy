package dev.passthru.spec.kvm

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.numa.CpuRow

import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.CpuPlacement
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.kvm.Pinning
import dev.passthru.runtime.kvm.Topology
import spock.lang.Specification

/** vCPU placement from the host's real SMT siblings, whatever the numbering. */
class CpuPlacementSpec extends Specification {
    /** Intel's usual numbering: 2 sockets x 4 cores x 2 threads, siblings n and n+8. */
    static final List<CpuRow> SPLIT = KvmOutput.lscpu((0..15).collect { int c -> "${c},${c % 8},${(c % 8).intdiv(4)},${(c % 8).intdiv(4)}" }.join('\n'))
    /** Adjacent numbering (many AMD and some Intel BIOSes): siblings 2n and 2n+1. */
    static final List<CpuRow> ADJACENT = KvmOutput.lscpu((0..7).collect { int c -> "${c},${c.intdiv(2)},0,0" }.join('\n'))

    def "#why"() {
        when:
        Pinning p = CpuPlacement.place(host, CpuSet.of(cpus), emulator == null ? null : CpuSet.of(emulator), cpus.size(), 'vm')

        then:
        p.vcpus.values().toList() == pins
        p.topology == new Topology(1, cores, threads)
        p.emulator == em

        where:
        why                                                 | host     | cpus                          | emulator || pins                                              | cores | threads | em
        'split numbering: vCPU pairs land on one core'      | SPLIT    | [2, 3, 10, 11]                | [1, 9]   || ['2', '10', '3', '11']                            | 2     | 2       | '1,9'
        'adjacent numbering: the same rule, other CPUs'     | ADJACENT | [4, 5, 6, 7]                  | null     || ['4', '5', '6', '7']                              | 2     | 2       | '4-7'
        'half cores (one thread each): no SMT claimed'      | SPLIT    | [4, 5, 6, 7]                  | null     || ['4', '5', '6', '7']                              | 4     | 1       | '4-7'
        'a whole socket'                                    | SPLIT    | [4, 5, 6, 7, 12, 13, 14, 15]  | [0]      || ['4', '12', '5', '13', '6', '14', '7', '15']      | 4     | 2       | '0'
        'one whole core and one half: no SMT claimed'       | SPLIT    | [2, 10, 3]                    | null     || ['2', '3', '10']                                  | 3     | 1       | '2-3,10'
    }

    def "the VM's vCPU count must match the CPUs pinned, and every CPU must exist"() {
        when:
        CpuPlacement.place(SPLIT, CpuSet.of([2, 3, 10, 11]), null, 8, 'win10')

        then:
        StepFailedException e = thrown()
        e.message == "VM 'win10' has 8 vCPUs but pinVcpus names 4 host CPUs (2-3,10-11); passthru pins one vCPU per host CPU: give the VM 4 vCPUs or pin 8 CPUs"

        when:
        CpuPlacement.place(SPLIT, CpuSet.of([15, 16]), CpuSet.of([40]), 2, 'win10')

        then:
        e = thrown()
        e.message == 'CPUs 16,40 do not exist; the host has 0-15 (lscpu)'
    }
}
