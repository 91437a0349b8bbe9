package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** attach on XCP-ng: add devices to the VM's other-config:pci, keeping the devices it has. */
@CompileStatic
final class XcpngAttach implements Operation<AttachStep, XcpngHost> {
    Change plan(AttachStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        List<PciEntry> current = host.pciOf(uuid)
        List<PciAddress> missing = step.devices*.address - current*.address
        if (!missing) return Change.ok()
        List<PciEntry> target = current + missing.collect { PciAddress a -> new PciEntry('0', a) }
        host.vmChange(step.vm, PciDiff.of(current, target), XcpngPci.set(uuid, target), 'the new pci devices')
    }
}
