package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Detach devices from a VM (keeping its other devices). */
@CompileStatic
final class DetachStep extends VmStep implements DeviceStep {
    final List<Device> devices
    DetachStep(String vm, List<Device> devices, SourceLocation location) {
        super(vm, location)
        this.devices = List.copyOf(devices)
    }
    DeviceClaim getClaim() { DeviceClaim.RELEASES }
    DetachStep withDevices(List<Device> resolved) { new DetachStep(vm, resolved, location) }
    String describe() { "detach ${list(devices)} from ${vmLabel()}" }
}
