package dev.passthru.runtime.hostprep

import dev.passthru.runtime.pcie.PcieFunction
import groovy.transform.CompileStatic

/** One bridge acs { } sets: the bridge, and the control value it gets (the value asked, within its ACS capability). */
@CompileStatic
final class AcsTarget {
    final PcieFunction bridge
    final int value

    AcsTarget(PcieFunction bridge, int value) {
        this.bridge = bridge
        this.value = value
    }

    String toString() { "${bridge.address} ${PrepCommands.hex(value)}" }
}
