package dev.passthru.runtime.kvm

import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * unpinVcpus on KVM: give back the vcpupin, emulatorpin and guest topology the domain had before passthru pinned it
 * (none, when it had none); a domain passthru did not pin keeps its settings.
 */
@CompileStatic
final class KvmUnpin implements Operation<UnpinVcpusStep, KvmHost> {
    Change plan(UnpinVcpusStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        String back = DomainXml.withoutPinning(xml)
        if (back == xml) return Change.ok()
        Pinning before = DomainXml.pinning(back)
        KvmDomain.define(host, step.vm, ["- ${DomainXml.pinning(xml).describe()}".toString(),
                "+ ${before.describe()}${before.isEmpty() ? '' : ' (as before passthru pinned it)'}".toString()], back)
    }
}
