package dev.passthru.runtime.xcpng

import dev.passthru.dsl.StopStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.vm.PowerMove
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** stop on XCP-ng: xe vm-shutdown a running VM (xe waits until it is halted). */
@CompileStatic
final class XcpngStop implements Operation<StopStep, XcpngHost> {
    Change plan(StopStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        PowerMove.plan(step.vm, host.power(uuid), false, 'halted', 'power-state=',
                [new HostCommand(XcpngCommands.vmShutdown(uuid)) as Action])
    }
}
