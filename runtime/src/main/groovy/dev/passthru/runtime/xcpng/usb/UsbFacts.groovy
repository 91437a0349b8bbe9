package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbId
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.xcpng.XcpngOutput
import groovy.transform.CompileStatic

/** What USB passthrough reads on an XCP-ng host. */
@CompileStatic
final class UsbFacts {
    private UsbFacts() {}

    /** This host's uuid (/etc/xensource-inventory INSTALLATION_UUID; fixed for the run). */
    static final Fact<String> HOST_UUID = CommandFact.output(UsbCommands.inventory(),
            { String out -> UsbOutput.installationUuid(out) } as CommandFact.Parses<String>).forTheRun()

    /** USB sysfs attributes by device and interface name (grep exits 2 when no USB device is there at all). */
    static final Fact<Map<String, Map<String, String>>> SYSFS = CommandFact.of(UsbCommands.SYSFS, { CommandResult r ->
        if (r.exit > 1 && !r.stdout) return [:] as Map<String, Map<String, String>>
        if (r.exit > 1 && !r.stderr.contains('No such file')) throw new RemoteCommandException(r)
        UsbOutput.sysfs(r.stdout)
    } as CommandFact.Reads<Map<String, Map<String, String>>>)

    /** This host's PUSBs of one vendor and product. */
    static Fact<List<Pusb>> pusbs(String host, UsbId id) {
        CommandFact.output(UsbCommands.pusbList(host, id), { String out -> UsbOutput.pusbs(out) }
                as CommandFact.Parses<List<Pusb>>)
    }

    /** The USB group of a PUSB (xapi makes one per PUSB at scan time), or null. */
    static Fact<String> group(String pusb) {
        CommandFact.output(UsbCommands.groupOf(pusb), { String out -> XcpngOutput.minimalList(out)[0] }
                as CommandFact.Parses<String>)
    }

    static Fact<List<Vusb>> vusbsOfVm(String vm) {
        CommandFact.output(UsbCommands.vusbsOfVm(vm), { String out -> UsbOutput.vusbs(out) }
                as CommandFact.Parses<List<Vusb>>)
    }

    static Fact<List<Vusb>> vusbsOfGroup(String group) {
        CommandFact.output(UsbCommands.vusbsOfGroup(group), { String out -> UsbOutput.vusbs(out) }
                as CommandFact.Parses<List<Vusb>>)
    }
}
