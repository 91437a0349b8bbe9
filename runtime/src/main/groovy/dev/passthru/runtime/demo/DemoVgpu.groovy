package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** A vGPU of a VM on the demo host: its type (model name), group, and the pGPU it runs on while the VM runs. */
@CompileStatic
final class DemoVgpu {
    final String uuid
    final String vmUuid
    final String typeModel
    final String groupName
    /** The pGPU it was allocated on at the VM's last start (null: none yet). */
    PciAddress residentOn

    DemoVgpu(String uuid, String vmUuid, String typeModel, String groupName, PciAddress residentOn) {
        this.uuid = uuid
        this.vmUuid = vmUuid
        this.typeModel = typeModel
        this.groupName = groupName
        this.residentOn = residentOn
    }
}
