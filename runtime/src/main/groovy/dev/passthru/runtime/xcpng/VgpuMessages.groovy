package dev.passthru.runtime.xcpng

import dev.passthru.dsl.VgpuStep
import groovy.transform.CompileStatic

/** What the vGPU operation and preflight say when a type is missing or not enabled (said once, used by both). */
@CompileStatic
final class VgpuMessages {
    private VgpuMessages() {}

    /** No vGPU type of that model name on the host. */
    static String noType(String model, List<VgpuType> types) {
        "no vGPU type '${model}' on this host (xe vgpu-type-list model-names: " +
                "${types ? types*.modelName.collect { "'${it}'" }.join(', ') : 'none'})"
    }

    /** No pGPU the step may use enables the type. */
    static String notEnabled(VgpuStep step, VgpuType type) {
        String where = step.gpus ? " on ${step.gpus.join(', ')}" : step.group != null ? " in '${step.group}'" : ''
        "vGPU type '${type.modelName}' is not enabled on any pGPU${where} (xe vgpu-type-list: enabled-on-PGPUs " +
                "${type.enabledOnPgpus ? type.enabledOnPgpus.join('; ') : '(none)'})"
    }
}
