package dev.passthru.runtime.xcpng

import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.vm.VmPower
import groovy.transform.CompileStatic

/**
 * A change XAPI makes only to a halted VM (vgpu-create, vgpu-destroy): as is when the VM is halted; halted first and
 * started again when the recipe says {@code halt: true}; otherwise a running VM fails the step with the line to add.
 */
@CompileStatic
final class HaltedVmChange {
    private HaltedVmChange() {}

    /** The change, with {@code what} naming the xe command that needs the VM halted. */
    static Change of(XcpngHost host, String vm, String uuid, boolean halt, List<String> diff, List<Action> actions,
                     String what) {
        VmPower power = host.power(uuid)
        if (power.kind == VmPower.Kind.STOPPED) return Change.of(diff, actions)
        if (power.kind == VmPower.Kind.RUNNING && halt) {
            List<Action> all = [new HostCommand(XcpngCommands.vmShutdown(uuid)) as Action] + actions +
                    [new HostCommand(XcpngCommands.vmStart(uuid)) as Action]
            return Change.of(diff, all, "VM '${vm}' was running: halted for ${what}, then started again".toString())
        }
        throw new StepFailedException(refusal(vm, power, what))
    }

    /** Why a VM that is not halted cannot have the change, and the recipe line that fixes it. */
    static String refusal(String vm, VmPower power, String what) {
        "VM '${vm}' is ${power}: ${what} needs it halted (XAPI refuses otherwise); add stop() before this line, " +
                'or halt: true to halt it and start it again'
    }
}
