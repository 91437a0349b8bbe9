package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** A PCI device named in a recipe, with where it was named (so host-side errors point at the recipe line). */
@CompileStatic
@EqualsAndHashCode(includes = ['address'])
final class Device {
    final PciAddress address
    final SourceLocation declaredAt

    Device(PciAddress address, SourceLocation declaredAt) {
        this.address = address
        this.declaredAt = declaredAt
    }

    @Override
    String toString() { address.toString() }
}
