package dev.passthru.spec.demo

import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * The demo XCP-ng host's runtime NUMA xl commands against the real xl 4.17 outputs of the Xen lab
 * (spec/src/test/resources/real/xen-lab-dom0): the same header bytes and the same kinds of rows (each column's
 * width and alignment, checked by one pattern per command that the real rows match too), the same error messages;
 * and the runtime state they show: live pins, cpupools, reset by a VM's restart and the host's reboot.
 */
class DemoXlSpec extends Specification {
    static final String GPU_WORKER = 'b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d'
    /** Each command's row shape, from xl's printf formats; the real rows must match it as well as the demo's. */
    static final Map<String, String> ROW = [
            'xl vcpu-list'     : /.{32} [ \d]{5} [ \d]{5}[ \d]{4}[\d-]   [-rbp]{3} [ \d]{7}\.\d  \S+ \/ \S+/,
            'xl list --numa'   : /.{40} [ \d]{5} [ \d]{5} [ \d]{5}     [-rbpscd]{6}  [ \d]{6}\.\d \S+/,
            'xl list -c'       : /.{40} [ \d]{5} [ \d]{5} [ \d]{5}     [-rbpscd]{6}  [ \d]{6}\.\d [ \S]{15}/,
            'xl cpupool-list'  : /.{19}[ \d]{3} [ \w]{9}       y       [ \d]{4}/,
            'xl cpupool-list -c': /.{19}\d+(,\d+)*/]
    /** A real output of each command, from the lab. */
    static final Map<String, List<String>> REAL = [
            'xl vcpu-list'      : ['xl_vcpu-list.out', 'xl_vcpu-list.after-split.out'],
            'xl list --numa'    : ['xl_list_--numa.out', 'xl_list_--numa.after-split.out'],
            'xl list -c'        : ['xl_list_-c.with-guest.out', 'xl_list_-c.after-migrate.out'],
            'xl cpupool-list'   : ['xl_cpupool-list.out', 'xl_cpupool-list.after-split.out'],
            'xl cpupool-list -c': ['xl_cpupool-list_-c.out', 'xl_cpupool-list_-c.after-split.out']]

    DemoState state = DemoState.standard()
    DemoXcpngHost host = new DemoXcpngHost(state)

    /** What the real xl vcpu-list prints on stdout for a domain it does not know: its header. */
    static final String NOSUCH = real('xl_vcpu-list_nosuch.out')

    static String real(String name) { Repo.file("spec/src/test/resources/real/xen-lab-dom0/${name}").text }

    String out(String command) {
        CommandResult r = host.run(command)
        assert r.exit == 0 && r.stderr == '': "${command}: ${r.stderr}"
        r.stdout
    }

    def setup() { assert host.run("xe vm-start uuid=${GPU_WORKER}").exit == 0 }

    def "#command: the real header, and rows of the real kind (before and after a split and a move)"() {
        given:
        List<String> demo = [out(command)]
        out('xl cpupool-numa-split')
        out('xl cpupool-migrate gpu-worker Pool-node1')
        demo << out(command)
        List<String> lab = REAL[command].collect { real(it) }

        expect: 'the pattern is right: the real rows match it'
        lab.every { String t -> t.readLines().drop(1).every { it ==~ ROW[command] } }

        and: 'the demo prints the real header and rows of that kind, one line each, newline-terminated'
        demo.every { String t -> t.endsWith('\n') && t.readLines()[0] == lab[0].readLines()[0] }
        demo.every { String t -> t.readLines().drop(1).every { it ==~ ROW[command] } }
        demo.every { String t -> t.readLines().size() > 1 }

        where:
        command << ROW.keySet().toList()
    }

    def "a live pin shows in xl vcpu-list and xl list --numa; a pin outside the pool fails as libxl does, exit 0"() {
        when:
        CommandResult pin = host.run('xl vcpu-pin 1 all 8-15')

        then:
        pin.exit == 0 && pin.stdout == '' && pin.stderr == ''
        out('xl vcpu-list gpu-worker').readLines().drop(1)*.substring(67) == ['8-15 / all', '8-15 / all']
        out('xl list --numa').readLines()[2].endsWith(' 1')

        when: 'CPUs the host does not have: the real message, per vCPU, and exit 0 (xl ignores libxl\'s failure)'
        CommandResult bad = host.run('xl vcpu-pin gpu-worker all 99')

        then:
        bad.exit == 0
        bad.stderr == real('xl_vcpu-pin_numa-guest_all_7.err')
        out('xl vcpu-list gpu-worker').contains('8-15 / all')
    }

    def "errors print xl's messages and exit codes: #command"() {
        when:
        if (split) out('xl cpupool-numa-split')
        CommandResult r = host.run(command)

        then:
        r.exit == exit
        r.stderr == real(err)
        r.stdout == stdout

        where:
        command                                   | split || exit | err                                        | stdout
        'xl vcpu-list nosuch'                     | false || 1    | 'xl_vcpu-list_nosuch.err'                  | NOSUCH
        'xl vcpu-pin nosuch all 2-3'              | false || 1    | 'xl_vcpu-pin_nosuch_all_2-3.err'           | ''
        'xl vcpu-pin gpu-worker all x-y'          | false || 1    | 'xl_vcpu-pin_numa-guest_all_x-y.err'       | ''
        'xl cpupool-numa-split'                   | true  || 1    | 'xl_cpupool-numa-split.again.err'          | ''
        'xl cpupool-migrate nosuch Pool-node1'    | true  || 1    | 'xl_cpupool-migrate_nosuch_Pool-node1.err' | ''
    }

    def "an unknown pool names itself as xl does"() {
        expect:
        host.run('xl cpupool-migrate gpu-worker Pool-nosuch').stderr == "unknown cpupool 'Pool-nosuch'\n"
    }

    def "the split and the move reset live pins; dom0 keeps one online vCPU per CPU of its pool"() {
        given:
        out('xl vcpu-pin gpu-worker all 8-15')

        when:
        out('xl cpupool-numa-split')

        then: 'pinned wholly outside Pool-node0: reset to all'
        out('xl vcpu-list gpu-worker').readLines().drop(1)*.substring(67) == ['all / all', 'all / all']
        out('xl vcpu-list').readLines().findAll { it.startsWith('Domain-0') }.count { it.contains(' --p ') } == 8
        out('xl cpupool-list -c') == 'Name               CPU list\nPool-node0         0,1,2,3,4,5,6,7\n' +
                'Pool-node1         8,9,10,11,12,13,14,15\n'

        when:
        out('xl vcpu-pin gpu-worker all 0-3')
        out('xl cpupool-migrate gpu-worker Pool-node1')

        then:
        out('xl vcpu-list gpu-worker').readLines().drop(1)*.substring(67) == ['all / all', 'all / all']
        out('xl list -c').readLines()[2].endsWith('      Pool-node1')
        out('xl cpupool-list').readLines().drop(1) == ['Pool-node0           8    credit       y          1',
                                                       'Pool-node1           8    credit       y          1']
    }

    def "a VM restart gets a new domain pinned from VCPUs-params:mask; a host reboot drops the pools"() {
        given:
        out('xl vcpu-pin gpu-worker all 8-15')
        out("xe vm-param-set uuid=${GPU_WORKER} VCPUs-params:mask=8,9")

        when:
        out("xe vm-shutdown uuid=${GPU_WORKER}")
        String halted = out("xe vm-param-get uuid=${GPU_WORKER} param-name=dom-id")
        out("xe vm-start uuid=${GPU_WORKER}")

        then:
        halted == '-1\n'
        out("xe vm-param-get uuid=${GPU_WORKER} param-name=dom-id") == '2\n'
        out('xl vcpu-list gpu-worker').readLines().drop(1)*.substring(37, 44) == ['2     0', '2     1']
        out('xl vcpu-list gpu-worker').readLines().drop(1)*.substring(67) == ['8-9 / all', '8-9 / all']

        when:
        out('xl cpupool-numa-split')
        state.boot()

        then:
        out('xl cpupool-list').readLines().drop(1) == ['Pool-0              16    credit       y          1']
    }
}
