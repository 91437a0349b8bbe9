package dev.passthru.runtime.vm

import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import groovy.transform.CompileStatic

/**
 * start / stop on either flavour: nothing when the VM is there already; a change from stopped to running or back;
 * any other state (paused, suspended ...) is left to the operator.
 */
@CompileStatic
final class PowerMove {
    private PowerMove() {}

    /**
     * The change that brings {@code vm} from {@code now} to running ({@code start}) or stopped; {@code stopped} is
     * how the flavour's tool names the stopped state, {@code key} how the diff names the state.
     */
    static Change plan(String vm, VmPower now, boolean start, String stopped, String key, List<Action> actions) {
        VmPower.Kind wanted = start ? VmPower.Kind.RUNNING : VmPower.Kind.STOPPED
        VmPower.Kind from = start ? VmPower.Kind.STOPPED : VmPower.Kind.RUNNING
        String wantedShown = start ? 'running' : stopped
        if (now.kind == wanted) return Change.ok()
        if (now.kind != from) {
            throw new StepFailedException("VM '${vm}' is ${now}; passthru moves a VM only from " +
                    "${start ? stopped : 'running'} to ${wantedShown} (resume or shut it down first)")
        }
        Change.of(["- ${key}${now}".toString(), "+ ${key}${wantedShown}".toString()], actions)
    }
}
