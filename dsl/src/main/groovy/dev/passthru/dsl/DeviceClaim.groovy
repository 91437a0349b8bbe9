package dev.passthru.dsl

import groovy.transform.CompileStatic

/** What a {@link DeviceStep} does with its devices, which decides what preflight checks them for. */
@CompileStatic
enum DeviceClaim {
    /** Takes the devices from the host for passthrough (hide, attach). */
    TAKES,
    /** Checks the devices are ready for passthrough now (verify assignable). */
    VERIFIES,
    /** Gives the devices back (unhide, detach). */
    RELEASES

    /** True when the step claims its devices for passthrough, so the host must have them and an IOMMU. */
    boolean claims() { this != RELEASES }
}
