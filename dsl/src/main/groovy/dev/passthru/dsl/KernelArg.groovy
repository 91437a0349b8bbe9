package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One kernel argument a recipe adds: a token as written ({@code iommu=pt}), or the IOMMU switch of the host's CPU
 * vendor ({@code intel_iommu=on} or {@code amd_iommu=on}), known only when the step runs on a host.
 */
@CompileStatic
@EqualsAndHashCode
final class KernelArg {
    /** {@code iommu()}'s vendor switch. */
    static final KernelArg VENDOR_IOMMU = new KernelArg(null)

    /** The token, or null for the vendor's IOMMU switch. */
    private final String token

    private KernelArg(String token) { this.token = token }

    /** A token as written (checked by the DSL word that takes it). */
    static KernelArg of(String token) { new KernelArg(Objects.requireNonNull(token)) }

    /** True for the vendor's IOMMU switch, which waits for the host's CPU vendor. */
    boolean isVendorIommu() { token == null }

    /** The token for a host whose CPU vendor is {@code vendor} ({@code intel} or {@code amd}). */
    String on(String vendor) { token ?: "${vendor}_iommu=on".toString() }

    /** Whether it turns the IOMMU on (the vendor switch, or intel_iommu=on / amd_iommu=on written out). */
    boolean turnsIommuOn() { token == null || token in ['intel_iommu=on', 'amd_iommu=on'] }

    /** As a step describes it: the token, or {@code intel_iommu=on|amd_iommu=on}. */
    String toString() { token ?: 'intel_iommu=on|amd_iommu=on' }
}
