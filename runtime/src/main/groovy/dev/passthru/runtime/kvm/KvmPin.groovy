package dev.passthru.runtime.kvm

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * pinVcpus on KVM: vcpupin per vCPU on the host's real SMT siblings, emulatorpin, and the guest topology to match.
 * With localTo the CPUs are a pool (the devices' NUMA node) to pick the VM's vCPU count from. An existing topology
 * (and pins) is replaced, since the guest's threads must be the host siblings its vCPUs run on; what the domain had
 * before is kept in it and unpinVcpus gives it back.
 */
@CompileStatic
final class KvmPin implements Operation<PinVcpusStep, KvmHost> {
    Change plan(PinVcpusStep step, KvmHost host) {
        String xml = host.domainXml(step.vm)
        int vcpus = DomainXml.vcpus(xml)
        CpuSet chosen = step.localTo != null ? CpuPlacement.pick(host.cpus(), step.cpus, vcpus, step.vm) : step.cpus
        Pinning wanted = CpuPlacement.place(host.cpus(), chosen, step.emulator, vcpus, step.vm)
        Pinning now = DomainXml.pinning(xml)
        now == wanted ? Change.ok() : KvmDomain.define(host, step.vm,
                ["- ${now.describe()}".toString(), "+ ${wanted.describe()}".toString()],
                DomainXml.withPinning(xml, wanted),
                KvmDomain.keptNote(xml, DomainSetting.PINNING, !now.isEmpty(), 'pinning', 'unpinVcpus'))
    }
}
