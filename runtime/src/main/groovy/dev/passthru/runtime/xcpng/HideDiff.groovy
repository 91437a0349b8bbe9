package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** The diff lines of a change to xen-pciback.hide. */
@CompileStatic
final class HideDiff {
    static List<String> of(List<PciAddress> from, List<PciAddress> to) {
        [line('-', from), line('+', to)]
    }

    private static String line(String sign, List<PciAddress> list) {
        "${sign} ${XcpngOutput.HIDE_KEY}=${list ? XcpngOutput.hideValue(list) : '(not set)'}".toString()
    }
}
