package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode
import groovy.transform.ToString

/** One XAPI vGPU type as xe vgpu-type-list prints it: its model, and the pGPUs that support and enable it. */
@CompileStatic
@EqualsAndHashCode
@ToString(includeNames = true)
final class VgpuType {
    final String uuid
    /** The vendor's name ("" for the whole-GPU passthrough type). */
    final String vendorName
    final String modelName
    /** {@code XxY}; {@code 0x0} for passthrough and MxGPU types. */
    final String maxResolution
    final List<String> supportedOnPgpus
    final List<String> enabledOnPgpus

    VgpuType(String uuid, String vendorName, String modelName, String maxResolution, List<String> supportedOnPgpus,
             List<String> enabledOnPgpus) {
        this.uuid = uuid
        this.vendorName = vendorName
        this.modelName = modelName
        this.maxResolution = maxResolution
        this.supportedOnPgpus = List.copyOf(supportedOnPgpus)
        this.enabledOnPgpus = List.copyOf(enabledOnPgpus)
    }
}
