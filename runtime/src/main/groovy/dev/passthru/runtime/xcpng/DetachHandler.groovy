package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** detach: remove devices from the VM's other-config:pci, keeping its other devices. */
@CompileStatic
class DetachHandler extends VmConfigHandler {
    private final List<PciAddress> unwanted
    private List<PciEntry> current

    DetachHandler(XcpngHost host, String vm, List<Device> devices) { super(host, vm); this.unwanted = devices*.address }

    Check check() {
        current = host.pciOf(uuid())
        current.any { PciEntry e -> unwanted.contains(e.address) }
                ? changed(PciDiff.of(current, target()), 'pci devices') : Check.ok()
    }

    private List<PciEntry> target() { current.findAll { PciEntry e -> !unwanted.contains(e.address) } }

    void apply(Check before) { host.setPci(uuid(), target()) }
}
