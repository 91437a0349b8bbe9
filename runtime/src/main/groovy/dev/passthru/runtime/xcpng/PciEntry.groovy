package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** One device in a VM's other-config:pci: the prefix XAPI keeps before the slash, and the address. */
@CompileStatic
@groovy.transform.EqualsAndHashCode
final class PciEntry {
    final String prefix
    final PciAddress address

    PciEntry(String prefix, PciAddress address) {
        this.prefix = prefix
        this.address = address
    }

    @Override
    String toString() { "${prefix}/${address}" }
}
