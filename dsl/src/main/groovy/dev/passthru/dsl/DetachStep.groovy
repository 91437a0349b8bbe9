package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Detach devices from a VM (keeping its other devices). */
@CompileStatic
final class DetachStep extends VmStep {
    final List<Device> devices
    DetachStep(String vm, List<Device> devices, SourceLocation location) {
        super(vm, location)
        this.devices = List.copyOf(devices)
    }
    String describe() { "detach ${list(devices)} from ${vmLabel()}" }
}
