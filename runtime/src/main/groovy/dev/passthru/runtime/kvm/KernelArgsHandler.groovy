package dev.passthru.runtime.kvm

import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.KernelContext
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

// How each recipe step is checked and applied on a KVM host with libvirt. One small handler per step
// kind; a handler keeps what its last check read, so apply writes exactly what the check showed.

/** kernel { }: add and remove command-line tokens through the host's boot loader; effective after a reboot. */
@CompileStatic
class KernelArgsHandler implements StepHandler {
    static final String UNSAFE_WARNING = "WARNING: ${KernelContext.UNSAFE_INTERRUPTS} weakens isolation between VMs: " +
            "a passed-through device can raise interrupts that no VM owns (use it only on platforms without " +
            "interrupt remapping)"
    private final KvmHost host
    private final KernelArgsStep step
    private List<String> add

    KernelArgsHandler(KvmHost host, KernelArgsStep step) { this.host = host; this.step = step }

    Check check() {
        if (add == null) {
            add = step.add.contains(KernelArgsStep.VENDOR_IOMMU)
                    ? step.add.collect {
                        it == KernelArgsStep.VENDOR_IOMMU ? "${host.cpuVendor()}_iommu=on".toString() : it
                    }
                    : step.add
        }
        String warning = add.contains(KernelContext.UNSAFE_INTERRUPTS) ? UNSAFE_WARNING : null
        BootLoader loader = host.bootLoader()
        List<String> configured = loader.cmdline()
        if (!KernelArgs.satisfied(configured, add, step.remove)) {
            String note = "takes effect after a reboot (${loader.describe()})" + (warning ? "; ${warning}" : '')
            return Check.change(KernelArgs.diff(configured, KernelArgs.apply(configured, add, step.remove)),
                    note).needingReboot()
        }
        String stale = loader.stale()
        if (stale) return Check.change(["~ ${stale}".toString()], 'takes effect after a reboot').needingReboot()
        List<String> running = host.runningCmdline()
        if (!KernelArgs.satisfied(running, add, step.remove)) {
            return Check.pendingReboot("configured in ${loader.describe()}, but /proc/cmdline differs until a " +
                    "reboot: ${KernelArgs.diff(running, KernelArgs.apply(running, add, step.remove)).join(' ')}")
        }
        Check.ok(warning)
    }

    void apply(Check before) { host.bootLoader().change(add, step.remove) }
}
