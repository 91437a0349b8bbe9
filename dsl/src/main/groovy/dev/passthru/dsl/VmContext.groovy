package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The {@code vm('name') { }} block: what to do to one VM, found on the host by its name. */
@CompileStatic
class VmContext {
    private final Locator locator
    private final String vm
    private final List<Step> steps

    VmContext(Locator locator, String vm, List<Step> steps) {
        this.locator = locator
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

    /** Pins this VM's vCPUs to host CPUs: a range ({@code 8..15}), a list, or single numbers. */
    void pinVcpus(Object... cpus) {
        List<Integer> list = []
        (cpus as List).each { Object c ->
            if (c instanceof Collection) (c as Collection).each { list << cpu(it) }
            else list << cpu(c)
        }
        if (list.isEmpty()) throw locator.error('pinVcpus: names no CPU')
        steps << new PinVcpusStep(vm, list, locator.here())
    }

    /** Starts this VM unless it is already running. */
    void start() { steps << new StartStep(vm, locator.here()) }

    /** Shuts this VM down cleanly unless it is already halted. */
    void stop() { steps << new StopStep(vm, locator.here()) }

    private Integer cpu(Object c) {
        if (!(c instanceof Integer)) throw locator.error("pinVcpus: '${c}' is not a CPU number")
        int n = (Integer) c
        if (n < 0) throw locator.error("pinVcpus: CPU ${n} is negative")
        n
    }
}
