package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Remove a VM's virtual GPUs: those of one type, or all of them. */
@CompileStatic
final class NoVgpuStep extends VmStep {
    /** The model name of the vGPUs to remove, or null for every vGPU of the VM. */
    final String type
    /** Halt a running VM for vgpu-destroy and start it again (otherwise a running VM is refused). */
    final boolean halt

    NoVgpuStep(String vm, String type, boolean halt, SourceLocation location) {
        super(vm, location)
        this.type = type
        this.halt = halt
    }

    String describe() { type == null ? "no vgpu for ${vmLabel()}" : "no vgpu '${type}' for ${vmLabel()}" }
}
