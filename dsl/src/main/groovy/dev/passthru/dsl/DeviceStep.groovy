package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A step that names PCI devices (by address or by a selector preflight resolves). Each device-taking step kind
 * implements it, so resolving, checking and listing devices need no list of step classes.
 */
@CompileStatic
trait DeviceStep {
    /** The devices the step names, in the order written (or as preflight resolved them). */
    abstract List<Device> getDevices()

    /** A copy of this step (same kind, VM and location) naming {@code resolved} instead. */
    abstract Step withDevices(List<Device> resolved)

    /** What the step does with its devices. */
    abstract DeviceClaim getClaim()

    /** True when every device is an address (no selector left for preflight). */
    boolean resolved() { devices.every { Device d -> d.resolved } }

    /** The devices the host must have for this step: those it claims, none when it gives them back. */
    List<Device> requiredDevices() { claim.claims() ? devices : [] }
}
