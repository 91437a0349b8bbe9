package dev.passthru.dsl

import groovy.transform.CompileStatic

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
    PinVcpusStep(String vm, CpuSet cpus, CpuSet emulator, SourceLocation location, List<Device> localTo = null,
            String policy = REQUIRED) {
        super(vm, location)
        this.cpus = cpus
        this.emulator = emulator
        this.localTo = localTo == null ? null : List.copyOf(localTo)
        this.policy = policy
    }
    PinVcpusStep(String vm, Collection<Integer> cpus, SourceLocation location) {
        this(vm, CpuSet.of(cpus), null, location)
    }
    /** The same step with the CPUs preflight found for {@link #localTo}. */
    PinVcpusStep withCpus(Collection<Integer> found, List<Device> devices) {
        new PinVcpusStep(vm, CpuSet.of(found), emulator, location, devices, policy)
    }
    /** True while the CPUs still have to be read from the host. */
    boolean isPending() { cpus.isEmpty() && localTo != null }
    /** Resolved once preflight has filled in the CPUs of {@link #localTo}'s node. */
    @Override
    boolean resolved() { !pending }
    /** The devices whose node gives the CPUs must be on the host. */
    @Override
    List<Device> requiredDevices() { localTo ?: [] }
    String describe() {
        String where = pending ? "the CPUs of ${localTo.join(', ')}'s NUMA node"
                : localTo != null ? "host CPUs within ${cpus} (NUMA-local)" : "host CPUs ${cpus}"
        "pin ${vmLabel()} vCPUs to ${where}${emulator == null ? '' : ", emulator to ${emulator}"}"
    }
}
