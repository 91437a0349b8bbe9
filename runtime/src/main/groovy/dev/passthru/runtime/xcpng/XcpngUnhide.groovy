package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.UnhideStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** unhide on XCP-ng: remove only these devices from xen-pciback.hide (and the whole key when none is left). */
@CompileStatic
final class XcpngUnhide implements Operation<UnhideStep, XcpngHost> {
    Change plan(UnhideStep step, XcpngHost host) {
        List<PciAddress> unwanted = step.devices*.address
        List<PciAddress> configured = host.hiddenConfigured()
        if (configured.any { unwanted.contains(it) }) {
            return Change.of(HideDiff.of(configured, configured - unwanted),
                    [host.configureHidden(configured - unwanted)], 'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> still = host.assignable().findAll { unwanted.contains(it) }
        still ? Change.pendingReboot("${still.join(', ')} no longer configured as hidden; back with dom0 after a " +
                'reboot') : Change.ok()
    }
}
