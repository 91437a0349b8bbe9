package dev.passthru.spec.xcpng

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.XlCpupool
import dev.passthru.runtime.xcpng.XlNumaOutput
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * The runtime NUMA xl readers on REAL output: every file is the byte-exact stdout of xl 4.17 in the Xen lab with two
 * NUMA nodes (spec/src/test/resources/real/xen-lab-dom0, README there says how each was taken).
 */
class XlNumaOutputSpec extends Specification {
    static String real(String name) { Repo.file("spec/src/test/resources/real/xen-lab-dom0/${name}").text }

    def "xl vcpu-list (#file): domain, id, vCPU, CPU, state and hard / soft affinity of each row"() {
        expect:
        XlNumaOutput.vcpuList(real(file)).collect { [it.domain, it.domid, it.vcpu, it.cpu, it.state,
                                                     it.hardText(), it.soft?.toString() ?: 'all'] } == rows

        where:
        file                                              || rows
        'xl_vcpu-list_numa-guest.out'                     || [['numa-guest', 1, 0, 3, 'r--', 'all', '0-1'],
                                                              ['numa-guest', 1, 1, 1, '-b-', 'all', '0-1']]
        'xl_vcpu-list_numa-guest.after-pin.out'           || [['numa-guest', 1, 0, 3, 'r--', '2-3', '0-1'],
                                                              ['numa-guest', 1, 1, 2, 'r--', '2-3', '0-1']]
        'xl_vcpu-list_numa-guest.mixed.out'               || [['numa-guest', 2, 0, 0, '---', '0,2', '0-1'],
                                                              ['numa-guest', 2, 1, null, '--p', '3', '1-3']]
        'xl_vcpu-list_numa-guest.pinned-in-pool1.out'     || [['numa-guest', 1, 0, 3, '-b-', '2-3', 'all'],
                                                              ['numa-guest', 1, 1, 2, '-b-', '2-3', 'all']]
        'xl_vcpu-list_nosuch.out'                         || []
    }

    def "xl vcpu-list of every domain after a split: dom0's paused vCPUs run nowhere"() {
        when:
        def rows = XlNumaOutput.vcpuList(real('xl_vcpu-list.after-split.out'))

        then:
        rows.collect { "${it.domid}/${it.vcpu}@${it.cpu}".toString() } ==
                ['0/0@1', '0/1@0', '0/2@null', '0/3@null', '1/0@0', '1/1@1']
        rows.findAll { it.cpu == null }*.state == ['--p', '--p']
    }

    def "xl list --numa / -n (#file): each domain's node affinity (null for all)"() {
        expect:
        XlNumaOutput.listNuma(real(file)).collect { [it.name, it.domid, it.memoryMib, it.vcpus, it.state,
                                                     it.nodesText()] } == rows

        where:
        file                                || rows
        'xl_list_--numa.out'                || [['Domain-0', 0, 384, 4, 'r-----', 'all'],
                                                ['numa-guest', 1, 128, 2, 'r-----', '0']]
        'xl_list_-n.out'                    || [['Domain-0', 0, 384, 4, 'r-----', 'all'],
                                                ['numa-guest', 1, 128, 2, 'r-----', '0']]
        'xl_list_--numa.after-split.out'    || [['Domain-0', 0, 384, 2, 'r-----', '0'],
                                                ['numa-guest', 1, 128, 2, '-b----', '0']]
        'xl_list_--numa.mixed.out'          || [['Domain-0', 0, 384, 2, 'r-----', 'all'],
                                                ['numa-guest', 2, 128, 1, 'r-----', '0']]
    }

    def "xl list -c (#file): each domain's cpupool by domain id"() {
        expect:
        XlNumaOutput.poolOf(real(file)) == pools

        where:
        file                            || pools
        'xl_list_-c.out'                || [0: 'Pool-0']
        'xl_list_-c.with-guest.out'     || [0: 'Pool-0', 1: 'Pool-0']
        'xl_list_-c.after-migrate.out'  || [0: 'Pool-node0', 1: 'Pool-node1']
    }

    def "xl cpupool-list with -c (#list): pools, scheduler, domain count and CPUs"() {
        expect:
        XlNumaOutput.cpupools(real(list), real(cpus)).collect { XlCpupool p ->
            [p.name, p.scheduler, p.domains, p.cpus.toString()]
        } == pools

        where:
        list                                  | cpus                                    || pools
        'xl_cpupool-list.out'                 | 'xl_cpupool-list_-c.out'                || [['Pool-0', 'credit2', 2, '0-3']]
        'xl_cpupool-list.after-split.out'     | 'xl_cpupool-list_-c.after-split.out'    ||
                [['Pool-node0', 'credit2', 2, '0-1'], ['Pool-node1', 'credit2', 0, '2-3']]
        'xl_cpupool-list.split-no-guest.out'  | 'xl_cpupool-list_-c.split-no-guest.out' ||
                [['Pool-node0', 'credit2', 1, '0-1'], ['Pool-node1', 'credit2', 0, '2-3']]
    }

    def "output that is not xl's is refused, not guessed: #what"() {
        when:
        call()

        then:
        OutputFormatException e = thrown()
        e.message.contains(says)

        where:
        what                  | call                                                                    || says
        'vcpu-list row'       | { XlNumaOutput.vcpuList('Name  ID\nguest 1 0 oops\n') }                 || "cannot read 'guest 1 0 oops'"
        'no header'           | { XlNumaOutput.listNuma('Domain-0 0 384 4 r----- 1.0 all\n') }          || 'expected a header line'
        'affinity'            | { XlNumaOutput.cpus('2-x', 'xl vcpu-list') }                            || "the CPU list '2-x'"
        'pool without CPUs'   | { XlNumaOutput.cpupools(real('xl_cpupool-list.out'), 'Name  CPU list\n') } || "does not list cpupool 'Pool-0'"
    }
}
