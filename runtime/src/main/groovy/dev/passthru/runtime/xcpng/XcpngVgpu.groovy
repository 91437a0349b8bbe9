package dev.passthru.runtime.xcpng

import dev.passthru.dsl.VgpuStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * vgpu on XCP-ng: {@code xe vgpu-create} of the type in the first GPU group whose pGPUs enable it, with the VM
 * halted; nothing when the VM has a vGPU of that type there already.
 */
@CompileStatic
final class XcpngVgpu implements Operation<VgpuStep, XcpngHost> {
    Change plan(VgpuStep step, XcpngHost host) {
        XcpngGpus gpus = new XcpngGpus(host.facts)
        String uuid = host.vmUuid(step.vm)
        VgpuType type = gpus.type(step.type)
        if (type == null) throw new StepFailedException(VgpuMessages.noType(step.type, gpus.types()))
        if (gpus.existing(step, type, uuid)) return Change.ok()
        List<Pgpu> enabling = gpus.enabling(step, type)
        if (!enabling) throw new StepFailedException(VgpuMessages.notEnabled(step, type))
        Pgpu p = enabling[0]
        List<String> diff = ["+ vgpu ${type.modelName} in ${p.groupName} (${p.pciId})".toString()]
        Action create = new HostCommand(XcpngGpuCommands.vgpuCreate(uuid, p.groupUuid, type.uuid))
        HaltedVmChange.of(host, step.vm, uuid, step.halt, diff, [create], 'xe vgpu-create')
    }
}
