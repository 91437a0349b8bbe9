package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Kernel command-line arguments to add and remove (KVM hosts), written through the host's own
 * boot-loader mechanism. {@link KernelArg#VENDOR_IOMMU} stands for intel_iommu=on or amd_iommu=on, chosen
 * from the host's CPU vendor when the step runs.
 */
@CompileStatic
final class KernelArgsStep extends Step {
    /** Arguments to have on the command line ({@code key=value} or a bare flag, or the vendor's IOMMU switch). */
    final List<KernelArg> add
    /** Keys to drop entirely, or {@code key=value} tokens (for list values, just that value) to drop. */
    final List<String> remove

    KernelArgsStep(List<KernelArg> add, List<String> remove, SourceLocation location) {
        super(location)
        this.add = List.copyOf(add)
        this.remove = List.copyOf(remove)
    }

    /** The arguments for a host whose CPU vendor is {@code vendor}, in the recipe's order. */
    List<String> tokens(String vendor) { add.collect { it.on(vendor) } }

    String describe() {
        List<String> parts = add.collect { "+${it}".toString() } + remove.collect { "-${it}".toString() }
        "kernel args ${parts.join(' ')}"
    }
}
