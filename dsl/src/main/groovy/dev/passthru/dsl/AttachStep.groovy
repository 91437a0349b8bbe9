package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Attach devices to a VM (keeping the devices it already has). */
@CompileStatic
final class AttachStep extends VmStep implements DeviceStep {
    final List<Device> devices
    AttachStep(String vm, List<Device> devices, SourceLocation location) {
        super(vm, location)
        this.devices = List.copyOf(devices)
    }
    DeviceClaim getClaim() { DeviceClaim.TAKES }
    AttachStep withDevices(List<Device> resolved) { new AttachStep(vm, resolved, location) }
    String describe() { "attach ${list(devices)} to ${vmLabel()}" }
}
