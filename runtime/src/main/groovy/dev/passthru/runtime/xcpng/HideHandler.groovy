package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

// How each recipe step is checked and applied on XCP-ng. One small handler per step kind; a handler
// keeps what its last check read, so apply writes exactly what the check showed in its diff.

/** hide: add devices to dom0's xen-pciback.hide, keeping the ones already there. */
@CompileStatic
class HideHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> wanted
    private List<PciAddress> configured

    HideHandler(XcpngHost host, List<Device> devices) { this.host = host; this.wanted = devices*.address }

    Check check() {
        configured = host.hiddenConfigured()
        List<PciAddress> missing = wanted - configured
        if (missing) {
            return Check.change(HideDiff.of(configured, configured + missing),
                    'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> notYet = wanted - host.assignable()
        notYet ? Check.pendingReboot("${notYet.join(', ')} configured as hidden; assignable after a reboot")
                : Check.ok()
    }

    void apply(Check before) { host.configureHidden(configured + (wanted - configured)) }
}
