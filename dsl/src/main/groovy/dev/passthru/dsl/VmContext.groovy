package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam

/** The {@code vm('name') { }} block: what to do to one VM, found on the host by its name. */
@CompileStatic
class VmContext extends Block {
    /** Linux's most NUMA nodes (MAX_NUMNODES with the largest NODES_SHIFT, 10). */
    static final int MAX_NUMA_NODES = 1024

    private final String vm
    private final List<Step> steps

    VmContext(Locator locator, PrintStream printed, String vm, List<Step> steps) {
        super(locator, printed)
        this.vm = vm
        this.steps = steps
    }

    /** Attaches devices to this VM, keeping the devices it already has. */
    void attach(Object... devices) {
        steps << new AttachStep(vm, DeviceArgs.of(locator, 'attach', devices), locator.here())
    }

    /** Detaches devices from this VM, keeping its other devices. */
    void detach(Object... devices) {
        steps << new DetachStep(vm, DeviceArgs.of(locator, 'detach', devices), locator.here())
    }

    /**
     * Pins this VM's vCPUs to host CPUs: a range ({@code 8..15}), a list, single numbers, or {@code numaNodeOf(gpu)}.
     */
    void pinVcpus(Object... cpus) { pinVcpus([:], cpus) }

    /**
     * Pins vCPUs as above, with options: {@code emulator:} host CPUs for the emulator threads (KVM), and
     * {@code policy:} what to do when the pinned CPUs and this VM's attached devices sit on different NUMA
     * nodes: {@code 'required'} (the default: refuse), {@code 'preferred'} (warn), {@code 'socket'} (same socket is
     * enough).
     */
    void pinVcpus(@NamedParam(value = 'emulator', type = Object) @NamedParam(value = 'policy', type = String)
                  Map options, Object... cpus) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - ['emulator', 'policy']
        if (unknown) throw locator.error("pinVcpus: unknown option ${unknown.join(', ')} (only emulator: and policy:)")
        String policy = options.containsKey('policy') ? String.valueOf(options.policy) : PinVcpusStep.REQUIRED
        if (!(policy in PinVcpusStep.POLICIES)) {
            throw locator.error("pinVcpus: policy: '${policy}' is not one of ${PinVcpusStep.POLICIES.join(', ')}")
        }
        CpuSet emulator = options.containsKey('emulator') ? CpuArgs.of(locator, 'pinVcpus ' +
                'emulator:', [options.emulator]) : null
        if (cpus.length == 1 && cpus[0] instanceof NumaNodeOf) {
            steps << new PinVcpusStep(vm, CpuSet.EMPTY, emulator, locator.here(), ((NumaNodeOf) cpus[0]).devices,
                    policy)
            return
        }
        if (cpus.any { it instanceof NumaNodeOf }) {
            throw locator.error('pinVcpus: numaNodeOf(...) stands alone, without other CPUs')
        }
        steps << new PinVcpusStep(vm, CpuArgs.of(locator, 'pinVcpus', cpus as List), emulator, locator.here(), null,
                policy)
    }

    /** Removes this VM's vCPU pinning (KVM: also its emulator pinning and the guest CPU topology). */
    void unpinVcpus() { steps << new UnpinVcpusStep(vm, locator.here()) }

    /** Keeps this VM's memory on one host NUMA node, strictly (KVM: {@code <numatune>}). */
    void numaMemory(long node) {
        if (node < 0) throw locator.error("numaMemory: node ${node} is negative")
        if (node >= MAX_NUMA_NODES) {
            throw locator.error("numaMemory: node ${node} cannot exist: Linux numbers NUMA nodes " +
                    "0-${MAX_NUMA_NODES - 1}")
        }
        steps << new NumaMemoryStep(vm, (int) node, locator.here())
    }

    /** Lets this VM's memory come from any NUMA node again (removes what {@link #numaMemory} set). */
    void noNumaMemory() { steps << new NumaMemoryStep(vm, null, locator.here()) }

    /** Backs this VM's memory with the host's hugepages (KVM: {@code <memoryBacking><hugepages/>}). */
    void hugepages() { steps << new HugepageMemoryStep(vm, true, locator.here()) }

    /** Stops backing this VM's memory with hugepages (removes what {@link #hugepages} set). */
    void noHugepages() { steps << new HugepageMemoryStep(vm, false, locator.here()) }

    /**
     * Gives this VM a virtual GPU of an XAPI vGPU type: {@code vgpu type: 'passthrough'} (the whole GPU) or a model
     * name (AMD MxGPU); {@code gpu:} or {@code group:} picks where, {@code halt: true} halts a running VM for it.
     */
    void vgpu(@NamedParam(value = 'type', type = String) @NamedParam(value = 'gpu', type = Device)
              @NamedParam(value = 'group', type = String) @NamedParam(value = 'halt', type = Boolean) Map options) {
        steps << VgpuArgs.vgpu(locator, vm, options)
    }

    /** Removes every virtual GPU of this VM. */
    void noVgpu() { steps << VgpuArgs.noVgpu(locator, vm, [:]) }

    /** Removes this VM's virtual GPUs of one type: {@code noVgpu type: 'passthrough'} ({@code halt:} as for vgpu). */
    void noVgpu(@NamedParam(value = 'type', type = String) @NamedParam(value = 'halt', type = Boolean) Map options) {
        steps << VgpuArgs.noVgpu(locator, vm, options)
    }

    /**
     * Passes a host USB device through to this VM: {@code usb vendor: '0781', product: '5591'}, with {@code serial:}
     * or {@code path:} to pick one of several alike, and {@code restart: true} to let a running VM be shut down and
     * started again (XCP-ng attaches USB devices only at VM start).
     */
    void usb(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'product', type = String)
             @NamedParam(value = 'serial', type = String) @NamedParam(value = 'path', type = String)
             @NamedParam(value = 'restart', type = Boolean) Map<String, Object> device) {
        Object restart = device.restart
        if (device.containsKey('restart') && !(restart instanceof Boolean)) {
            throw locator.error("usb: restart: is true or false, not '${restart}'")
        }
        Map<String, Object> rest = device.findAll { k, v -> k != 'restart' } as Map<String, Object>
        UsbId id = UsbId.of(locator, 'usb', rest, ['vendor', 'product', 'serial', 'path', 'restart'])
        steps << new UsbAttachStep(vm, id, restart == Boolean.TRUE, locator.here())
    }

    /** Takes a passed-through USB device away from this VM: {@code detachUsb vendor: '0781', product: '5591'}. */
    void detachUsb(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'product', type = String)
                   @NamedParam(value = 'serial', type = String) @NamedParam(value = 'path', type = String)
                   Map<String, Object> device) {
        steps << new UsbDetachStep(vm, UsbId.of(locator, 'detachUsb', device, ['vendor', 'product', 'serial', 'path']),
                locator.here())
    }

    /** Moves this running VM into a cpupool, e.g. {@code cpupool 'Pool-node1'} (Xen: xl cpupool-migrate); runtime. */
    void cpupool(String pool) {
        if (!(pool ==~ /[A-Za-z0-9_.:+-]+/)) {
            throw locator.error("cpupool: '${pool}' is not a cpupool name (letters, digits and _ . : + - only)")
        }
        steps << new CpupoolStep(vm, pool, locator.here())
    }

    /**
     * Attaches devices placed as on the host (KVM): per host NUMA node an expander bus and guest cell, root and switch
     * ports mirroring the host's, vCPUs and memory split over those nodes and pinned there:
     * {@code mirrorTopology gpus(), vcpus: 88, memory: '1600G', hugepages: true, iothreads: 2}.
     */
    void mirrorTopology(@NamedParam(value = 'vcpus', type = Integer) @NamedParam(value = 'memory', type = String)
                        @NamedParam(value = 'hugepages', type = Boolean)
                        @NamedParam(value = 'iothreads', type = Integer)
                        Map options, Object... devices) {
        steps << MirrorArgs.of(locator, vm, options, devices)
    }

    /** Starts this VM unless it is already running. */
    void start() { steps << new StartStep(vm, locator.here()) }

    /** Shuts this VM down cleanly unless it is already halted. */
    void stop() { steps << new StopStep(vm, locator.here()) }
}
