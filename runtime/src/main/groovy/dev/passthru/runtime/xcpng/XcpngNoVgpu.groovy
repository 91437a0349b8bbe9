package dev.passthru.runtime.xcpng

import dev.passthru.dsl.NoVgpuStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** noVgpu on XCP-ng: {@code xe vgpu-destroy} of the VM's vGPUs (of the type, or all), with the VM halted. */
@CompileStatic
final class XcpngNoVgpu implements Operation<NoVgpuStep, XcpngHost> {
    Change plan(NoVgpuStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        List<VmVgpu> gone = new XcpngGpus(host.facts).vgpusOf(uuid).findAll { VmVgpu v ->
            step.type == null || v.typeModelName == step.type
        }
        if (!gone) return Change.ok()
        List<String> diff = gone.collect { VmVgpu v -> "- vgpu ${v.typeModelName} (${v.uuid})".toString() }
        List<Action> destroy = gone.collect { VmVgpu v ->
            new HostCommand(XcpngGpuCommands.vgpuDestroy(v.uuid)) as Action
        }
        HaltedVmChange.of(host, step.vm, uuid, step.halt, diff, destroy, 'xe vgpu-destroy')
    }
}
