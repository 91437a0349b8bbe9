package dev.passthru.spec.kvm.topology

import static dev.passthru.spec.kvm.topology.HgxHost.gpu
import static dev.passthru.spec.kvm.topology.HgxHost.nic

import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.pcie.PcieTree
import dev.passthru.runtime.vm.VmPower
import spock.lang.Specification

/**
 * The KVM flavour's mirrorTopology operation: the plan defines the domain anew from the mirrored XML with the
 * generator's plan lines, says a running VM must restart, and is in sync once the domain is mirrored.
 */
class KvmMirrorTopologySpec extends Specification {
    /** A KVM host whose typed reads answer from values: the domain XML, the HGX tree and CPUs, a power state. */
    static KvmHost host(String xml, String power) {
        new KvmHost(null, [] as Set<String>) {
            @Override String domainXml(String vm) { xml }
            @Override PcieTree pcieTree() { HgxHost.tree() }
            @Override List<CpuRow> cpus() { HgxHost.cpus() }
            @Override VmPower state(String vm) { VmPower.ofVirsh(power) }
        }
    }

    def "the plan defines the mirrored domain with virsh define, in sync on the result; a running VM restarts"() {
        given:
        MirrorTopologyStep step = MirrorLayoutSpec.step([gpu(0), nic(0)], 4, 8L * 1024 * 1024, true)
        def op = KvmFlavour.operations(1000L)

        when:
        Change first = op.plan(step, host(MirrorLayoutSpec.GUEST, 'shut off'))
        HostCommand define = (HostCommand) first.actions[0]
        Change second = op.plan(step, host(define.stdin, 'shut off'))
        Change running = op.plan(step, host(MirrorLayoutSpec.GUEST, 'running'))

        then:
        !first.inSync
        first.actions.size() == 1
        define.command.contains('define')
        first.diff.contains('+ hostdev 0000:12:00.0 on switch port 0000:11:00.0 (controller 8)')
        first.restartVm == null
        second.inSync && second.diff == []
        running.restartVm == 'hgx-guest'
    }
}
