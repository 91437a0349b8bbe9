package dev.passthru.runtime.kvm

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** attach on KVM: a managed {@code <hostdev>} per device, with virsh attach-device --config (other devices kept). */
@CompileStatic
final class KvmAttach implements Operation<AttachStep, KvmHost> {
    Change plan(AttachStep step, KvmHost host) {
        List<PciAddress> has = DomainXml.hostdevs(host.domainXml(step.vm))
        List<PciAddress> todo = step.devices*.address.findAll { !has.contains(it) }
        todo ? KvmDomain.change(host, step.vm,
                todo.collect { "+ <hostdev type='pci' managed='yes'> ${it}".toString() },
                todo.collect { new HostCommand(KvmCommands.attachDevice(step.vm), DomainXml.hostdev(it)) as Action })
                : Change.ok()
    }
}
