package dev.passthru.runtime.kvm

import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** detach on KVM: virsh detach-device --config for each device the domain has (other devices kept). */
@CompileStatic
final class KvmDetach implements Operation<DetachStep, KvmHost> {
    Change plan(DetachStep step, KvmHost host) {
        List<PciAddress> has = DomainXml.hostdevs(host.domainXml(step.vm))
        List<PciAddress> todo = step.devices*.address.findAll { has.contains(it) }
        todo ? KvmDomain.change(host, step.vm,
                todo.collect { "- <hostdev type='pci' managed='yes'> ${it}".toString() },
                todo.collect { new HostCommand(KvmCommands.detachDevice(step.vm), DomainXml.hostdev(it)) as Action })
                : Change.ok()
    }
}
