package dev.passthru.runtime.kvm

import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * hugepages on KVM: {@code <memoryBacking><hugepages/>}; noHugepages gives back the hugepages and allocation the
 * domain had before passthru added them (a domain passthru did not give hugepages keeps its own).
 */
@CompileStatic
final class KvmHugepages implements Operation<HugepageMemoryStep, KvmHost> {
    Change plan(HugepageMemoryStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        String next = DomainXml.withHugepages(xml, step.enabled)
        if (next == xml) return Change.ok()
        boolean now = DomainXml.hugepages(xml), then = DomainXml.hugepages(next)
        List<String> diff = ["- memoryBacking hugepages ${now ? 'on' : 'off'}".toString(),
                             "+ memoryBacking hugepages ${then ? 'on' : 'off'}".toString()]
        if (DomainXml.onDemandAllocation(xml) != DomainXml.onDemandAllocation(next)) {
            diff << (step.enabled ? '- memoryBacking allocation ondemand (libvirt refuses hugepages with it)'
                    : '+ memoryBacking allocation ondemand (as before passthru added hugepages)')
        }
        if (DomainXml.anonymousSource(xml) != DomainXml.anonymousSource(next)) {
            diff << (step.enabled ? '- memoryBacking source anonymous (libvirt refuses hugepages with it)'
                    : '+ memoryBacking source anonymous (as before passthru added hugepages)')
        }
        boolean replaces = DomainXml.onDemandAllocation(xml) || DomainXml.anonymousSource(xml)
        KvmDomain.define(host, step.vm, diff, next,
                KvmDomain.keptNote(xml, DomainSetting.HUGEPAGES, replaces, 'memory allocation and source',
                        'noHugepages'))
    }
}
