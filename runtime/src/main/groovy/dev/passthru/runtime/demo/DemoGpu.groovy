package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** A GPU XAPI lists as a pGPU, with the vendor and device names of its PCI record (pci.ids). */
@CompileStatic
final class DemoGpu {
    final PciAddress address
    final String vendorName
    final String deviceName

    DemoGpu(PciAddress address, String vendorName, String deviceName) {
        this.address = address
        this.vendorName = vendorName
        this.deviceName = deviceName
    }

    /** The group XAPI makes for it (xapi_gpu_group.ml, find_or_create: "Group of <vendor> <device> GPUs"). */
    String groupName() { "Group of ${vendorName} ${deviceName} GPUs" }
}
