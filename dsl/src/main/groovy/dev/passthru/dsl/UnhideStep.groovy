package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Give hidden devices back to the host. */
@CompileStatic
final class UnhideStep extends Step implements DeviceStep {
    final List<Device> devices
    UnhideStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    DeviceClaim getClaim() { DeviceClaim.RELEASES }
    UnhideStep withDevices(List<Device> resolved) { new UnhideStep(resolved, location) }
    String describe() { "unhide ${list(devices)}" }
}
