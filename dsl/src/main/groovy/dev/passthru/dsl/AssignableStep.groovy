package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Verify that devices are assignable to VMs now. */
@CompileStatic
final class AssignableStep extends Step {
    final List<Device> devices
    AssignableStep(List<Device> devices, SourceLocation location) {
        super(location)
        this.devices = List.copyOf(devices)
    }
    String describe() { "verify assignable ${list(devices)}" }
}
