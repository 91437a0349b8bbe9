package dev.passthru.runtime.xcpng

import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** detach on XCP-ng: remove devices from the VM's other-config:pci, keeping its other devices. */
@CompileStatic
final class XcpngDetach implements Operation<DetachStep, XcpngHost> {
    Change plan(DetachStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        List<PciAddress> unwanted = step.devices*.address
        List<PciEntry> current = host.pciOf(uuid)
        if (!current.any { PciEntry e -> unwanted.contains(e.address) }) return Change.ok()
        List<PciEntry> target = current.findAll { PciEntry e -> !unwanted.contains(e.address) }
        host.vmChange(step.vm, PciDiff.of(current, target), XcpngPci.set(uuid, target), 'the new pci devices')
    }
}
