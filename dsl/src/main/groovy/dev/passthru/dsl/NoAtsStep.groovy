package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Gives NICs' firmware the ATS setting it had before {@code ats ..., enable: true} changed it (mlxconfig set
 * ATS_ENABLED to the recorded value), effective after a host reboot; a NIC passthru did not change is left as it is.
 */
@CompileStatic
final class NoAtsStep extends Step implements DeviceStep {
    final List<Device> devices

    NoAtsStep(List<Device> devices, SourceLocation location) {
        super(location)
        this.devices = List.copyOf(devices)
    }

    DeviceClaim getClaim() { DeviceClaim.VERIFIES }

    NoAtsStep withDevices(List<Device> resolved) { new NoAtsStep(resolved, location) }

    String describe() { "restore the firmware ATS setting passthru changed on ${list(devices)}" }
}
