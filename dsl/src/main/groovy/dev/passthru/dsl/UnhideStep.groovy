package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Give hidden devices back to the host. */
@CompileStatic
final class UnhideStep extends Step {
    final List<Device> devices
    UnhideStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    String describe() { "unhide ${list(devices)}" }
}
