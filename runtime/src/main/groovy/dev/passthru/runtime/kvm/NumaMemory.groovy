package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** A domain's numatune memory rule: libvirt's mode (strict, preferred, interleave, restrictive) and nodeset. */
@CompileStatic
@EqualsAndHashCode
final class NumaMemory {
    final String mode
    final String nodeset

    NumaMemory(String mode, String nodeset) {
        this.mode = mode
        this.nodeset = nodeset
    }

    /** Memory only from {@code node}, what numaMemory(node) asks for. */
    static NumaMemory strict(int node) { new NumaMemory('strict', Integer.toString(node)) }

    /** {@code mode:nodeset}, e.g. {@code strict:1}. */
    String toString() { "${mode}:${nodeset}" }
}
