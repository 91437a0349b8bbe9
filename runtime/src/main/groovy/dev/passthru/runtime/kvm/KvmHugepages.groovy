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
        now == step.enabled ? Change.ok() : KvmDomain.define(host, step.vm,
                ["- memoryBacking hugepages ${now ? 'on' : 'off'}".toString(),
                 "+ memoryBacking hugepages ${step.enabled ? 'on' : 'off'}".toString()],
                DomainXml.withHugepages(xml, step.enabled))
    }
}
