package dev.passthru.runtime.kvm

import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * numaMemory on KVM: {@code <numatune><memory mode='strict' nodeset='N'/>}; noNumaMemory gives back the rule the
 * domain had before passthru set one (none, when it had none).
 */
@CompileStatic
final class KvmNumaMemory implements Operation<NumaMemoryStep, KvmHost> {
    Change plan(NumaMemoryStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        NumaMemory now = DomainXml.numaMemory(xml)
        String next = DomainXml.withNumaMemory(xml, step.node)
        if (next == xml) return Change.ok()
        NumaMemory want = DomainXml.numaMemory(next)
        String back = step.node == null && want != null ? ' (as before passthru set one)' : ''
        KvmDomain.define(host, step.vm, ["- numatune memory ${now ?: '(none)'}".toString(),
                "+ numatune memory ${want ?: '(none)'}${back}".toString()], next,
                KvmDomain.keptNote(xml, DomainSetting.NUMA_MEMORY, now != null, 'numatune memory rule', 'noNumaMemory'))
    }
}
