package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * ACS control set on every bridge on the paths of devices up to their root ports, at every boot (KVM: setpci from a
 * boot-time unit), the bridges' old values kept for {@link NoAcsStep}.
 */
@CompileStatic
final class AcsStep extends Step implements DeviceStep {
    final List<Device> devices
    /** The ACS control value (bits 0-6: SrcValid TransBlk ReqRedir CmpltRedir UpstreamFwd EgressCtrl DirectTrans). */
    final int control

    AcsStep(List<Device> devices, int control, SourceLocation location) {
        super(location)
        this.devices = List.copyOf(devices)
        this.control = control
    }

    DeviceClaim getClaim() { DeviceClaim.VERIFIES }

    AcsStep withDevices(List<Device> resolved) { new AcsStep(resolved, control, location) }

    String describe() { "ACS control ${String.format('0x%04x', control)} on the bridges above ${list(devices)}" }
}
