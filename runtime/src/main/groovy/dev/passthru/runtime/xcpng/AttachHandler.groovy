package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** attach: add devices to the VM's other-config:pci, keeping the devices it has. */
@CompileStatic
class AttachHandler extends VmConfigHandler {
    private final List<PciAddress> wanted
    private List<PciEntry> current

    AttachHandler(XcpngHost host, String vm, List<Device> devices) { super(host, vm); this.wanted = devices*.address }

    Check check() {
        current = host.pciOf(uuid())
        List<PciAddress> missing = wanted - current*.address
        missing ? changed(PciDiff.of(current, target()), 'pci devices') : Check.ok()
    }

    private List<PciEntry> target() {
        current + (wanted - current*.address).collect { PciAddress a -> new PciEntry('0', a) }
    }

    void apply(Check before) { host.setPci(uuid(), target()) }
}
