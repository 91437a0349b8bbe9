package dev.passthru.runtime.kvm

import dev.passthru.dsl.StartStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.vm.PowerMove
import groovy.transform.CompileStatic

/** start on KVM: virsh start a shut-off domain. */
@CompileStatic
final class KvmStart implements Operation<StartStep, KvmHost> {
    Change plan(StartStep step, KvmHost host) {
        PowerMove.plan(step.vm, host.state(step.vm), true, 'shut off', 'state ',
                [new HostCommand(KvmCommands.start(step.vm)) as Action])
    }
}
