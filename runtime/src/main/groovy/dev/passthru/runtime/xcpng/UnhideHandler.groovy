package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/** unhide: remove only these devices from xen-pciback.hide (and the whole key when none is left). */
@CompileStatic
class UnhideHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> unwanted
    private List<PciAddress> configured

    UnhideHandler(XcpngHost host, List<Device> devices) { this.host = host; this.unwanted = devices*.address }

    Check check() {
        configured = host.hiddenConfigured()
        if (configured.any { unwanted.contains(it) }) {
            return Check.change(HideDiff.of(configured, configured - unwanted),
                    'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> still = host.assignable().findAll { unwanted.contains(it) }
        still ? Check.pendingReboot("${still.join(', ')} no longer configured as hidden; back with dom0 after a reboot")
                : Check.ok()
    }

    void apply(Check before) { host.configureHidden(configured - unwanted) }
}
