package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A PCI device named in a recipe, with where it was named (so host-side errors point at the recipe
 * line). Either a fixed address ({@code pci '04:01.0'}) or a {@link Selector} that preflight resolves
 * against the host's devices into one or more addresses ({@code pci vendor: '10de', device: '1c81'}).
 */
@CompileStatic
final class Device {
    /** The address, or null while this is an unresolved selector. */
    final PciAddress address
    /** What to look for on the host, or null for a fixed address. */
    final Selector selector
    final SourceLocation declaredAt

    Device(PciAddress address, SourceLocation declaredAt) {
        this.address = address
        this.selector = null
        this.declaredAt = declaredAt
    }

    Device(Selector selector, SourceLocation declaredAt) {
        this.address = null
        this.selector = selector
        this.declaredAt = declaredAt
    }

    /** True for a fixed address; false for a selector preflight still has to resolve. */
    boolean isResolved() { address != null }

    /** Every function of this device's slot (a GPU and its HDMI audio): {@code pci('06:00.0').withFunctions()}. */
    Device withFunctions() { new Device(new Selector.FunctionsOf(this), declaredAt) }

    /** Every endpoint in this device's IOMMU group (bridges stay with the host): {@code gpu.withGroup()}. */
    Device withGroup() { new Device(new Selector.GroupOf(this), declaredAt) }

    @Override
    boolean equals(Object o) {
        if (!(o instanceof Device)) return false
        Device d = (Device) o
        address != null ? address == d.address : selector.is(d.selector)
    }

    @Override
    int hashCode() { address != null ? address.hashCode() : System.identityHashCode(selector) }

    @Override
    String toString() { address != null ? address.toString() : selector.describe() }
}
