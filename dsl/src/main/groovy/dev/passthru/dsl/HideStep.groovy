package dev.passthru.dsl

import groovy.transform.CompileStatic

// The step kinds of the recipe language. Each is a plain value; flavours in the runtime decide
// how to check, apply and verify it on a host.

/** Hide devices from the host so they can be assigned to VMs. */
@CompileStatic
final class HideStep extends Step implements DeviceStep {
    final List<Device> devices
    HideStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    DeviceClaim getClaim() { DeviceClaim.TAKES }
    HideStep withDevices(List<Device> resolved) { new HideStep(resolved, location) }
    String describe() { "hide ${list(devices)}" }
}
