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

    /** Checks that every vCPU of a running VM may run only on this NUMA node's CPUs (Xen: xl vcpu-list). */
    void vcpusOnNode(String vm, int node) {
        if (node < 0) throw locator.error("vcpusOnNode: node ${node} is negative")
        steps << new VcpusOnNodeStep(vm, node, locator.here())
    }

    /** Checks that a running VM's memory node affinity is this NUMA node (Xen: xl list --numa). */
    void nodeAffinity(String vm, int node) {
        if (node < 0) throw locator.error("nodeAffinity: node ${node} is negative")
        steps << new NodeAffinityStep(vm, node, locator.here())
    }
}
