package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode
import groovy.transform.ToString

/** One vGPU of a VM as xe vgpu-list prints it. */
@CompileStatic
@EqualsAndHashCode
@ToString(includeNames = true)
final class VmVgpu {
    final String uuid
    final String groupUuid
    final String typeUuid
    final String typeModelName

    VmVgpu(String uuid, String groupUuid, String typeUuid, String typeModelName) {
        this.uuid = uuid
        this.groupUuid = groupUuid
        this.typeUuid = typeUuid
        this.typeModelName = typeModelName
    }
}
