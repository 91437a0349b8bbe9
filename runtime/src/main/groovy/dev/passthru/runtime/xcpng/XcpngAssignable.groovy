package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** verify assignable on XCP-ng: every device is in xl pci-assignable-list. Verifies only: apply fails. */
@CompileStatic
final class XcpngAssignable implements Operation<AssignableStep, XcpngHost> {
    Change plan(AssignableStep step, XcpngHost host) {
        List<PciAddress> missing = step.devices*.address - host.assignable()
        missing ? Change.of(missing.collect { "- assignable: ${it}".toString() }, [new FailAction(
                "${missing.join(', ')} not assignable: xl pci-assignable-list does not list " +
                        "${missing.size() == 1 ? 'it' : 'them'} (hide the device and reboot first)")]) : Change.ok()
    }
}
