package dev.passthru.runtime.xcpng

import groovy.transform.CompileStatic

/** The diff lines of a change to other-config:pci. */
@CompileStatic
final class PciDiff {
    static List<String> of(List<PciEntry> from, List<PciEntry> to) {
        ["- other-config:pci=${from ? XcpngOutput.pciValue(from) : '(not set)'}".toString(),
         "+ other-config:pci=${to ? XcpngOutput.pciValue(to) : '(not set)'}".toString()]
    }
}
