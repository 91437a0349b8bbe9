package dev.passthru.runtime.kvm

import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.KernelContext
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** kernel { } on KVM: add and remove command-line tokens through the host's boot loader; effective after a reboot. */
@CompileStatic
final class KvmKernelArgs implements Operation<KernelArgsStep, KvmHost> {
    static final String UNSAFE_WARNING = "WARNING: ${KernelContext.UNSAFE_INTERRUPTS} weakens isolation between VMs: " +
            "a passed-through device can raise interrupts that no VM owns (use it only on platforms without " +
            "interrupt remapping)"

    Change plan(KernelArgsStep step, KvmHost host) {
        List<String> add = step.tokens(step.add.any { it.vendorIommu } ? host.cpuVendor() : null)
        String warning = add.contains(KernelContext.UNSAFE_INTERRUPTS) ? UNSAFE_WARNING : null
        BootLoader loader = host.bootLoader()
        List<String> configured = loader.cmdline()
        if (!KernelArgs.satisfied(configured, add, step.remove)) {
            String note = "takes effect after a reboot (${loader.describe()})" + (warning ? "; ${warning}" : '')
            return Change.of(KernelArgs.diff(configured, KernelArgs.apply(configured, add, step.remove)),
                    loader.change(add, step.remove), note).needingReboot()
        }
        String stale = loader.stale()
        if (stale) {
            return Change.of(["~ ${stale}".toString()], loader.change(add, step.remove), 'takes effect after a reboot')
                    .needingReboot()
        }
        List<String> running = host.runningCmdline()
        if (!KernelArgs.satisfied(running, add, step.remove)) {
            return Change.pendingReboot("configured in ${loader.describe()}, but /proc/cmdline differs until a " +
                    "reboot: ${KernelArgs.diff(running, KernelArgs.apply(running, add, step.remove)).join(' ')}")
        }
        Change.ok(warning)
    }
}
