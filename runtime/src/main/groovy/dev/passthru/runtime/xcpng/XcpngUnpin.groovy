package dev.passthru.runtime.xcpng

import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** unpinVcpus on XCP-ng: remove VCPUs-params:mask, so the VM's vCPUs may run on any host CPU. */
@CompileStatic
final class XcpngUnpin implements Operation<UnpinVcpusStep, XcpngHost> {
    Change plan(UnpinVcpusStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        List<Integer> current = host.maskOf(uuid)
        current ? host.vmChange(step.vm, ["- VCPUs-params:mask=${current.join(',')}".toString(),
                                          '+ VCPUs-params:mask=(not set)'],
                new HostCommand(XcpngCommands.removeMask(uuid)), 'the new vCPU mask') : Change.ok()
    }
}
