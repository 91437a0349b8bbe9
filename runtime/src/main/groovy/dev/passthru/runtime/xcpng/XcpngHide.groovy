package dev.passthru.runtime.xcpng

import dev.passthru.dsl.HideStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** hide on XCP-ng: add devices to dom0's xen-pciback.hide (xen-cmdline), keeping the ones already there. */
@CompileStatic
final class XcpngHide implements Operation<HideStep, XcpngHost> {
    Change plan(HideStep step, XcpngHost host) {
        List<PciAddress> wanted = step.devices*.address
        List<PciAddress> configured = host.hiddenConfigured()
        List<PciAddress> missing = wanted - configured
        if (missing) {
            return Change.of(HideDiff.of(configured, configured + missing),
                    [host.configureHidden(configured + missing)], 'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> notYet = wanted - host.assignable()
        notYet ? Change.pendingReboot("${notYet.join(', ')} configured as hidden; assignable after a reboot")
                : Change.ok()
    }
}
