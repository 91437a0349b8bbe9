package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Take a passed-through USB device away from a VM (XCP-ng: unplug and destroy its VUSB). */
@CompileStatic
final class UsbDetachStep extends VmStep {
    final UsbId device

    UsbDetachStep(String vm, UsbId device, SourceLocation location) {
        super(vm, location)
        this.device = device
    }

    String describe() { "detachUsb ${device} from ${vmLabel()}" }
}
