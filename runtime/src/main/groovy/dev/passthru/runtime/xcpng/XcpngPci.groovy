package dev.passthru.runtime.xcpng

import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** The command that sets a VM's other-config:pci (or removes the key when no device is left). */
@CompileStatic
final class XcpngPci {
    private XcpngPci() {}

    static Action set(String uuid, List<PciEntry> entries) {
        new HostCommand(entries ? XcpngCommands.setPci(uuid, entries) : XcpngCommands.removePci(uuid))
    }
}
