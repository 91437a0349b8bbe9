package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** Where one passed-through function goes: on the guest port mirroring its host port, slot 0, its own function. */
@CompileStatic
@EqualsAndHashCode
final class HostdevPlacement {
    final PciAddress host
    /** The alias of the guest port it plugs into. */
    final String port
    /** How the plan names that port ({@code switch port 0000:17:01.0}, {@code root port 0000:16:01.0}). */
    final String portLabel
    /** Function 0 of a device whose other functions go along says so ({@code multifunction='on'}). */
    final boolean multifunction

    HostdevPlacement(PciAddress host, String port, String portLabel, boolean multifunction) {
        this.host = host
        this.port = port
        this.portLabel = portLabel
        this.multifunction = multifunction
    }
}
