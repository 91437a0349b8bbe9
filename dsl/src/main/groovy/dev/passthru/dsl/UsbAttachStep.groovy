package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Pass a host USB device through to a VM (XCP-ng: a VUSB in the device's USB group); {@code restart}: a running VM
 * may be shut down and started again to attach it (XAPI attaches VUSBs only at VM start).
 */
@CompileStatic
final class UsbAttachStep extends VmStep {
    final UsbId device
    /** Whether a running VM may be restarted for the device to attach. */
    final boolean restart

    UsbAttachStep(String vm, UsbId device, boolean restart, SourceLocation location) {
        super(vm, location)
        this.device = device
        this.restart = restart
    }

    String describe() { "usb ${device} to ${vmLabel()}" }
}
