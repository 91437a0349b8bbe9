package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Checks that ATS is enabled on NICs (lspci's ATSCtl: Enable+); with {@code enable}, turns it on in the NIC's firmware
 * (mlxconfig set ATS_ENABLED=true), which takes effect after a host reboot.
 */
@CompileStatic
final class AtsStep extends Step implements DeviceStep {
    final List<Device> devices
    /** Whether the step may change the NICs' firmware configuration (otherwise it only reports). */
    final boolean enable

    AtsStep(List<Device> devices, boolean enable, SourceLocation location) {
        super(location)
        this.devices = List.copyOf(devices)
        this.enable = enable
    }

    DeviceClaim getClaim() { DeviceClaim.VERIFIES }

    AtsStep withDevices(List<Device> resolved) { new AtsStep(resolved, enable, location) }

    String describe() { "${enable ? 'enable' : 'check'} ATS on ${list(devices)}" }
}
