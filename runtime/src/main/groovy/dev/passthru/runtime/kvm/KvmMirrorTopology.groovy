package dev.passthru.runtime.kvm

import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.runtime.kvm.topology.GuestLayout
import dev.passthru.runtime.kvm.topology.LayoutBuilder
import dev.passthru.runtime.kvm.topology.MirroredDomain
import dev.passthru.runtime.kvm.topology.TopologyXml
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * mirrorTopology on KVM: the devices placed in the domain as they sit on the host (expander bus per NUMA node, root
 * and switch ports, NUMA cells, pinning, MMIO window), defined anew with virsh define; nothing when it already is.
 */
@CompileStatic
final class KvmMirrorTopology implements Operation<MirrorTopologyStep, KvmHost> {
    Change plan(MirrorTopologyStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        GuestLayout layout = LayoutBuilder.build(step, host.pcieTree(), host.cpus())
        MirroredDomain m = TopologyXml.apply(xml, layout, step.vm)
        m.changed() ? KvmDomain.define(host, step.vm, m.diff, m.xml) : Change.ok()
    }
}
