package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/** verify assignable: every device is in xl pci-assignable-list. Verifies only; there is nothing to apply. */
@CompileStatic
class AssignableHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> wanted
    private List<PciAddress> missing = []

    AssignableHandler(XcpngHost host, List<Device> devices) { this.host = host; this.wanted = devices*.address }

    Check check() {
        missing = wanted - host.assignable()
        missing ? Check.change(missing.collect { "- assignable: ${it}".toString() }) : Check.ok()
    }

    void apply(Check before) {
        throw new StepFailedException("${missing.join(', ')} not assignable: xl pci-assignable-list does not list " +
                "${missing.size() == 1 ? 'it' : 'them'} (hide the device and reboot first)")
    }
}
