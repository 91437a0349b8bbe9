package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The {@code verify { }} block: checks that run on the host and change nothing. */
@CompileStatic
class VerifyContext extends Block {
    private final List<Step> steps

    VerifyContext(Locator locator, PrintStream printed, List<Step> steps) {
        super(locator, printed)
        this.steps = steps
    }

    /**
     * Checks that the devices are ready for passthrough (XCP-ng: in xl pci-assignable-list; KVM: IOMMU on, bound to
     * vfio-pci, IOMMU group viable).
     */
    void assignable(Object... devices) {
        steps << new AssignableStep(DeviceArgs.of(locator, 'assignable', devices), locator.here())
    }
}
