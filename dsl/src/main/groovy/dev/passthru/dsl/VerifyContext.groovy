package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The {@code verify { }} block: checks that run on the host and change nothing. */
@CompileStatic
class VerifyContext {
    private final Locator locator
    private final List<Step> steps

    VerifyContext(Locator locator, List<Step> steps) {
        this.locator = locator
        this.steps = steps
    }

    /** Checks that the devices are ready for passthrough (XCP-ng: in xl pci-assignable-list; KVM: IOMMU on, bound to vfio-pci, IOMMU group viable). */
    void assignable(Object... devices) {
        steps << new AssignableStep(DeviceArgs.of(locator, 'assignable', devices), locator.here())
    }
}
