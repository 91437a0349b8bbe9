package dev.passthru.spec.pcie

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.engine.Preflight
import dev.passthru.spec.demo.SelectorsAndPreflightSpec
import spock.lang.Specification

/**
 * {@code node:} on pci(...) and gpus(...), and {@code nearestNic(...)} (same switch, else same root port, else same
 * NUMA node), resolved at preflight on the HGX demo (PCIe switches) and the KVM demo (no switches: the node decides).
 */
class NodeAndNearestSelectorsSpec extends Specification {

    static Preflight check(DemoKvmHost host, String body) {
        SelectorsAndPreflightSpec.check(host, "recipe('r') { flavour 'kvm'\n${body}\n}")
    }

    /**
     * The addresses the selector resolved to (the step's devices; an unresolved selector has none). Other preflight
     * findings (vfio-pci.ids taking devices of the same ids, IOMMU groups) are not this spec's business.
     */
    static List<String> resolved(Preflight p) {
        assert !p.errors().any { it.message.contains('matches no') || it.message.contains('nearestNic') }
        p.recipe.steps[0].devices*.address*.toString()
    }

    def "demo-hgx: #selector"() {
        given:
        Preflight p = check(DemoHgx.host(), "hide ${selector}")

        expect:
        resolved(p) == devices

        where:
        selector                                        || devices
        'gpus(node: 1)'                                 || ['0000:98:00.0', '0000:a9:00.0', '0000:ba:00.0', '0000:cb:00.0']
        "gpus(node: 0, vendor: '10de', count: 4)"       || ['0000:18:00.0', '0000:29:00.0', '0000:3a:00.0', '0000:4b:00.0']
        "gpus(node: 0, count: 5)"                       || ['0000:01:00.0', '0000:18:00.0', '0000:29:00.0', '0000:3a:00.0', '0000:4b:00.0'] // the BMC's VGA is a GPU too
        "pci(class: 'nic', node: 0, count: 'all')"      || ['0000:19:00.0', '0000:2a:00.0', '0000:3b:00.0', '0000:4c:00.0']
        "pci(vendor: '10de', device: '22a3', node: 0, count: 'all')" || ['0000:08:00.0', '0000:09:00.0', '0000:0a:00.0', '0000:0b:00.0']
        'nearestNic(gpus())'                            || ['0000:19:00.0', '0000:2a:00.0', '0000:3b:00.0', '0000:4c:00.0', '0000:99:00.0', '0000:aa:00.0', '0000:bb:00.0', '0000:cc:00.0']
        'nearestNic(gpus(node: 1))'                     || ['0000:99:00.0', '0000:aa:00.0', '0000:bb:00.0', '0000:cc:00.0']
        "nearestNic(pci('0000:3a:00.0'))"               || ['0000:3b:00.0']
        "nearestNic(pci('0000:08:00.0'))"               || ['0000:19:00.0'] // an NVSwitch: no NIC behind its switch or root port; node 0's first
    }

    def "demo-kvm (no switches): #selector"() {
        given:
        Preflight p = check(new DemoKvmHost(DemoKvmState.standard()), "hide ${selector}")

        expect:
        resolved(p) == devices

        where:
        selector                               || devices
        "pci(class: 'nvme', node: 1)"          || ['0000:05:00.0']
        "pci(class: 'nic', node: 0, count: 3)" || ['0000:02:00.0', '0000:02:00.1', '0000:02:10.0']
        'nearestNic(gpus())'                   || ['0000:02:00.0']
    }

    def "a GPU on a node with none stops the run at its line, listing the GPUs by node"() {
        when:
        Preflight p = check(DemoHgx.host(), "hide gpus(node: 2)")

        then:
        p.errors()*.location*.line == [2]
        p.errors()[0].message.startsWith("pci(class: 'gpu', node: 2, count: 'all') matches no device on node 2; " +
                'the host has node 0: 0000:01:00.0 VGA compatible controller [0300] 1a03:2000 (driver ast); ' +
                '0000:18:00.0 3D controller [0302] 10de:2335')
        p.errors()[0].message.contains('; node 1: 0000:98:00.0 3D controller [0302] 10de:2335')
    }

    def "a device with no NIC near it (none behind its switch, below its root port or on its node) is named, at its line"() {
        when: 'demo-kvm: the NVMe drive is on node 1, every NIC on node 0'
        Preflight p = check(new DemoKvmHost(DemoKvmState.standard()), "\nhide nearestNic(pci(class: 'nvme'))")

        then:
        p.errors()*.location*.line == [3]
        p.errors()[0].message == "nearestNic(pci(class: 'nvme')): 0000:05:00.0 (node 1) has no nic behind its switch, " +
                "below its root port or on its NUMA node; the host's nics: node 0: 0000:02:00.0, 0000:02:00.1, " +
                '0000:02:10.0'
    }
}
