package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/** The ACS unit: one setpci line per bridge, keyed by the bridge's address, with its value before passthru. */
@CompileStatic
final class AcsUnit {
    static final String NAME = 'passthru-acs.service'
    static final String DESCRIPTION = 'ACS control on PCIe bridges'

    private AcsUnit() {}

    /** The line that sets {@code bridge} to {@code value} at boot, remembering {@code was}. */
    static UnitLine line(PciAddress bridge, int value, int was) {
        new UnitLine(bridge.toString(), PrepCommands.unitWriteAcs(bridge, value), PrepCommands.hex(was))
    }
}
