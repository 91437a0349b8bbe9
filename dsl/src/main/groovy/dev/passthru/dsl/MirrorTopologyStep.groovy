package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Give a VM devices placed as they sit on the host: per host NUMA node an expander bus and a guest NUMA cell, root
 * and switch ports mirroring the host's, the vCPUs and memory split over the nodes and pinned there.
 */
@CompileStatic
final class MirrorTopologyStep extends VmStep implements DeviceStep {
    final List<Device> devices
    /** How many vCPUs the VM gets, split over the host NUMA nodes the devices sit on. */
    final int vcpus
    /** The VM's memory in KiB, split over the same nodes. */
    final long memoryKiB
    /** Back the memory with hugepages, allocated when the VM starts. */
    final boolean hugepages
    /** How many I/O threads the VM gets (pinned beside the vCPUs); 0 leaves them as they are. */
    final int iothreads

    MirrorTopologyStep(String vm, List<Device> devices, int vcpus, long memoryKiB, boolean hugepages, int iothreads,
            SourceLocation location) {
        super(vm, location)
        this.devices = List.copyOf(devices)
        this.vcpus = vcpus
        this.memoryKiB = memoryKiB
        this.hugepages = hugepages
        this.iothreads = iothreads
    }

    DeviceClaim getClaim() { DeviceClaim.TAKES }

    MirrorTopologyStep withDevices(List<Device> resolved) {
        new MirrorTopologyStep(vm, resolved, vcpus, memoryKiB, hugepages, iothreads, location)
    }

    String describe() {
        "mirror the host topology of ${list(devices)} into ${vmLabel()} (${vcpus} vCPUs, " +
                "${MirrorArgs.size(memoryKiB)}${hugepages ? ', hugepages' : ''})"
    }
}
