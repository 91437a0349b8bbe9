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

/**
 * Pin a VM's vCPUs to a set of host CPUs (and, on KVM, its emulator threads to {@link #emulator},
 * by default the same set). With {@link #localTo} the CPUs are those of the devices' NUMA node, filled
 * in at preflight; {@link #policy} says what happens when CPUs and the VM's devices disagree on the node.
 */
@CompileStatic
final class PinVcpusStep extends VmStep {
    static final String REQUIRED = 'required'
    static final List<String> POLICIES = [REQUIRED, 'preferred', 'socket']
    final CpuSet cpus
    /** Host CPUs for the emulator threads; null means the same as {@link #cpus}. */
    final CpuSet emulator
    /** Devices whose NUMA node gives the CPUs (numaNodeOf), or null for CPUs the recipe lists. */
    final List<Device> localTo
    final String policy
    PinVcpusStep(String vm, CpuSet cpus, CpuSet emulator, SourceLocation location, List<Device> localTo = null, String policy = REQUIRED) {
        super(vm, location)
        this.cpus = cpus
        this.emulator = emulator
        this.localTo = localTo == null ? null : List.copyOf(localTo)
        this.policy = policy
    }
    PinVcpusStep(String vm, Collection<Integer> cpus, SourceLocation location) { this(vm, CpuSet.of(cpus), null, location) }
    /** The same step with the CPUs preflight found for {@link #localTo}. */
    PinVcpusStep withCpus(Collection<Integer> found, List<Device> devices) { new PinVcpusStep(vm, CpuSet.of(found), emulator, location, devices, policy) }
    /** True while the CPUs still have to be read from the host. */
    boolean isPending() { cpus.isEmpty() && localTo != null }
    String describe() {
        String where = pending ? "the CPUs of ${localTo.join(', ')}'s NUMA node" : localTo != null ? "host CPUs within ${cpus} (NUMA-local)" : "host CPUs ${cpus}"
        "pin ${vmLabel()} vCPUs to ${where}${emulator == null ? '' : ", emulator to ${emulator}"}"
    }
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

/**
 * Kernel command-line arguments to add and remove (KVM hosts), written through the host's own
 * boot-loader mechanism. {@link #VENDOR_IOMMU} stands for intel_iommu=on or amd_iommu=on, chosen
 * from the host's CPU vendor when the step runs.
 */
@CompileStatic
final class KernelArgsStep extends Step {
    static final String VENDOR_IOMMU = '<cpu-vendor>_iommu=on'
    /** Tokens to have on the command line ({@code key=value} or a bare flag). */
    final List<String> add
    /** Keys to drop entirely, or {@code key=value} tokens (for list values, just that value) to drop. */
    final List<String> remove

    KernelArgsStep(List<String> add, List<String> remove, SourceLocation location) {
        super(location)
        this.add = List.copyOf(add)
        this.remove = List.copyOf(remove)
    }

    String describe() {
        List<String> parts = add.collect { "+${it == VENDOR_IOMMU ? 'intel_iommu=on|amd_iommu=on' : it}".toString() } + remove.collect { "-${it}".toString() }
        "kernel args ${parts.join(' ')}"
    }
}

/** Remove a VM's vCPU pinning (and the guest CPU topology pinning set). */
@CompileStatic
final class UnpinVcpusStep extends VmStep {
    UnpinVcpusStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "unpin ${vmLabel()} vCPUs" }
}

/** Keep a VM's memory on one host NUMA node (strict), or drop that rule when the node is null. */
@CompileStatic
final class NumaMemoryStep extends VmStep {
    final Integer node
    NumaMemoryStep(String vm, Integer node, SourceLocation location) { super(vm, location); this.node = node }
    String describe() { node == null ? "let ${vmLabel()} memory use any NUMA node" : "keep ${vmLabel()} memory on NUMA node ${node}" }
}

/** Back a VM's memory with hugepages, or stop doing so. */
@CompileStatic
final class HugepageMemoryStep extends VmStep {
    final boolean enabled
    HugepageMemoryStep(String vm, boolean enabled, SourceLocation location) { super(vm, location); this.enabled = enabled }
    String describe() { enabled ? "back ${vmLabel()} memory with hugepages" : "stop backing ${vmLabel()} memory with hugepages" }
}
