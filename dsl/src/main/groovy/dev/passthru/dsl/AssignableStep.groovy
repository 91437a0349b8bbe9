package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Verify that devices are assignable to VMs now. */
@CompileStatic
final class AssignableStep extends Step implements DeviceStep {
    final List<Device> devices
    AssignableStep(List<Device> devices, SourceLocation location) {
        super(location)
        this.devices = List.copyOf(devices)
    }
    DeviceClaim getClaim() { DeviceClaim.VERIFIES }
    AssignableStep withDevices(List<Device> resolved) { new AssignableStep(resolved, location) }
    String describe() { "verify assignable ${list(devices)}" }
}
