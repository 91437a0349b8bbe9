package dev.passthru.runtime.kvm

import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** hugepages / noHugepages on KVM: {@code <memoryBacking><hugepages/>}. */
@CompileStatic
final class KvmHugepages implements Operation<HugepageMemoryStep, KvmHost> {
    Change plan(HugepageMemoryStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        boolean now = DomainXml.hugepages(xml)
        if (now == step.enabled) return Change.ok()
        List<String> diff = ["- memoryBacking hugepages ${now ? 'on' : 'off'}".toString(),
                             "+ memoryBacking hugepages ${step.enabled ? 'on' : 'off'}".toString()]
        if (step.enabled && DomainXml.onDemandAllocation(xml)) {
            diff << '- memoryBacking allocation ondemand (libvirt refuses hugepages with it)'
        }
        KvmDomain.define(host, step.vm, diff, DomainXml.withHugepages(xml, step.enabled))
    }
}
