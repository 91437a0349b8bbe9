package dev.passthru.dsl

import groovy.transform.CompileStatic

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
        List<String> parts = add.collect { "+${it == VENDOR_IOMMU ? 'intel_iommu=on|amd_iommu=on' : it}".toString() } +
                remove.collect { "-${it}".toString() }
        "kernel args ${parts.join(' ')}"
    }
}
