package dev.passthru.runtime.xcpng

import dev.passthru.dsl.StartStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.vm.PowerMove
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** start on XCP-ng: xe vm-start a halted VM. */
@CompileStatic
final class XcpngStart implements Operation<StartStep, XcpngHost> {
    Change plan(StartStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        PowerMove.plan(step.vm, host.power(uuid), true, 'halted', 'power-state=',
                [new HostCommand(XcpngCommands.vmStart(uuid)) as Action])
    }
}
