package dev.passthru.runtime.kvm

import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** numaMemory / noNumaMemory on KVM: {@code <numatune><memory mode='strict' nodeset='N'/>}, or none. */
@CompileStatic
final class KvmNumaMemory implements Operation<NumaMemoryStep, KvmHost> {
    Change plan(NumaMemoryStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        NumaMemory now = DomainXml.numaMemory(xml)
        NumaMemory want = step.node == null ? null : NumaMemory.strict(step.node)
        now == want ? Change.ok() : KvmDomain.define(host, step.vm, ["- numatune memory ${now ?: '(none)'}".toString(),
                "+ numatune memory ${want ?: '(none)'}".toString()], DomainXml.withNumaMemory(xml, step.node))
    }
}
