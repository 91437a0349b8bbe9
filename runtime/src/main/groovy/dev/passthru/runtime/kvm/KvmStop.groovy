package dev.passthru.runtime.kvm

import dev.passthru.dsl.StopStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.operation.WaitUntil
import dev.passthru.runtime.vm.PowerMove
import groovy.transform.CompileStatic

import java.util.function.Predicate

/**
 * stop on KVM: virsh shutdown only asks the guest (ACPI), so apply then polls virsh domstate until the domain is shut
 * off, up to a timeout.
 */
@CompileStatic
final class KvmStop implements Operation<StopStep, KvmHost> {
    static final long POLL_MS = 2_000L
    private final long timeoutMs

    KvmStop(long timeoutMs) { this.timeoutMs = timeoutMs }

    Change plan(StopStep step, KvmHost host) {
        String failure = "VM '${step.vm}' did not shut down within ${timeoutMs.intdiv(1000)}s of virsh shutdown " +
                '(does the guest handle ACPI power button events?)'
        PowerMove.plan(step.vm, host.state(step.vm), false, 'shut off', 'state ', [
                new HostCommand(KvmCommands.shutdown(step.vm)) as Action,
                new WaitUntil<String>(KvmFacts.state(step.vm), { String s -> s == 'shut off' } as Predicate<String>,
                        'shut off', timeoutMs, POLL_MS, failure) as Action])
    }
}
