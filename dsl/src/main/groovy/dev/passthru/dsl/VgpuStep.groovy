package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Give a VM a virtual GPU of one XAPI vGPU type: {@code passthrough} (the whole GPU, through XAPI's GPU group) or a
 * vendor model such as an AMD MxGPU type; optionally on given GPUs ({@code gpu}) or in one GPU group ({@code group}).
 */
@CompileStatic
final class VgpuStep extends VmStep implements DeviceStep {
    /** XAPI's model name of the whole-GPU type (xapi_vgpu_type.ml, passthrough_gpu). */
    static final String PASSTHROUGH = 'passthrough'

    /** The vGPU type's model name, as xe vgpu-type-list prints it. */
    final String type
    /** The GPUs to take it from (a device or selector of the recipe: any of them), empty for any GPU. */
    final List<Device> gpus
    /** The GPU group's name-label to take it from, or null for any. */
    final String group
    /** Halt a running VM for vgpu-create and start it again (otherwise a running VM is refused). */
    final boolean halt

    VgpuStep(String vm, String type, List<Device> gpus, String group, boolean halt, SourceLocation location) {
        super(vm, location)
        this.type = type
        this.gpus = List.copyOf(gpus)
        this.group = group
        this.halt = halt
    }

    /** Whether this is the whole-GPU type. */
    boolean isPassthrough() { type == PASSTHROUGH }

    List<Device> getDevices() { gpus }

    /** The whole GPU is taken from dom0; a vGPU of a shared GPU only needs the GPU there. */
    DeviceClaim getClaim() { passthrough ? DeviceClaim.TAKES : DeviceClaim.VERIFIES }

    VgpuStep withDevices(List<Device> resolved) { new VgpuStep(vm, type, resolved, group, halt, location) }

    String describe() {
        String where = gpus ? " on ${list(gpus)}" : group != null ? " in '${group}'" : ''
        "vgpu '${type}'${where} for ${vmLabel()}"
    }
}
