package dev.passthru.runtime.kvm

import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** unpinVcpus on KVM: drop vcpupin, emulatorpin and the guest topology. */
@CompileStatic
final class KvmUnpin implements Operation<UnpinVcpusStep, KvmHost> {
    Change plan(UnpinVcpusStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        Pinning now = DomainXml.pinning(xml)
        now.isEmpty() ? Change.ok() : KvmDomain.define(host, step.vm,
                ["- ${now.describe()}".toString(), '+ (not pinned)'], DomainXml.withoutPinning(xml))
    }
}
