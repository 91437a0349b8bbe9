package dev.passthru.dsl

import groovy.transform.CompileStatic

// The step kinds of the recipe language. Each is a plain value; flavours in the runtime decide
// how to check, apply and verify it on a host.

/** Hide devices from the host so they can be assigned to VMs. */
@CompileStatic
final class HideStep extends Step {
    final List<Device> devices
    HideStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    String describe() { "hide ${list(devices)}" }
}

/** Give hidden devices back to the host. */
@CompileStatic
final class UnhideStep extends Step {
    final List<Device> devices
    UnhideStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    String describe() { "unhide ${list(devices)}" }
}

/** Reboot the host, but only when an earlier step left a change that needs one. */
@CompileStatic
final class RebootStep extends Step {
    RebootStep(SourceLocation location) { super(location) }
    String describe() { 'reboot (if needed)' }
}

/** Verify that devices are assignable to VMs now. */
@CompileStatic
final class AssignableStep extends Step {
    final List<Device> devices
    AssignableStep(List<Device> devices, SourceLocation location) { super(location); this.devices = List.copyOf(devices) }
    String describe() { "verify assignable ${list(devices)}" }
}

/** A step about one VM, found by its name. */
@CompileStatic
abstract class VmStep extends Step {
    final String vm
    protected VmStep(String vm, SourceLocation location) { super(location); this.vm = vm }
    protected String vmLabel() { "VM '${vm}'" }
}

/** Attach devices to a VM (keeping the devices it already has). */
@CompileStatic
final class AttachStep extends VmStep {
    final List<Device> devices
    AttachStep(String vm, List<Device> devices, SourceLocation location) { super(vm, location); this.devices = List.copyOf(devices) }
    String describe() { "attach ${list(devices)} to ${vmLabel()}" }
}

/** Detach devices from a VM (keeping its other devices). */
@CompileStatic
final class DetachStep extends VmStep {
    final List<Device> devices
    DetachStep(String vm, List<Device> devices, SourceLocation location) { super(vm, location); this.devices = List.copyOf(devices) }
    String describe() { "detach ${list(devices)} from ${vmLabel()}" }
}

/** Pin a VM's vCPUs to a set of host CPUs. */
@CompileStatic
final class PinVcpusStep extends VmStep {
    final SortedSet<Integer> cpus
    PinVcpusStep(String vm, Collection<Integer> cpus, SourceLocation location) {
        super(vm, location)
        this.cpus = Collections.unmodifiableSortedSet(new TreeSet<Integer>(cpus))
    }
    String describe() { "pin ${vmLabel()} vCPUs to host CPUs ${CpuList.ranges(cpus)}" }
}

/** Start a VM unless it is running. */
@CompileStatic
final class StartStep extends VmStep {
    StartStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "start ${vmLabel()}" }
}

/** Shut a VM down unless it is halted. */
@CompileStatic
final class StopStep extends VmStep {
    StopStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "stop ${vmLabel()}" }
}
