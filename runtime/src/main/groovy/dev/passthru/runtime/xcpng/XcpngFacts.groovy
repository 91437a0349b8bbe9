package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import groovy.transform.CompileStatic

/** What the XCP-ng flavour reads beyond {@link dev.passthru.runtime.facts.CommonFacts}: Xen's and XAPI's views. */
@CompileStatic
final class XcpngFacts {
    private XcpngFacts() {}

    /** Devices dom0 is configured to hide at next boot (xen-cmdline --get-dom0 xen-pciback.hide). */
    static final Fact<List<PciAddress>> HIDDEN_CONFIGURED = CommandFact.output(XcpngCommands.getHidden(),
            { String out -> XcpngOutput.hiddenDevices(out) } as CommandFact.Parses<List<PciAddress>>)

    /** Devices assignable to VMs now (bound to pciback in this boot). */
    static final Fact<List<PciAddress>> ASSIGNABLE = CommandFact.output(XcpngCommands.assignableList(),
            { String out -> XcpngOutput.assignable(out) } as CommandFact.Parses<List<PciAddress>>)

    /** xl info -n as printed: the xl info fields and the CPU and device topology tables (fixed until a reboot). */
    static final Fact<String> XL_INFO = CommandFact.output(XcpngCommands.xlInfoNuma(),
            { String out -> out } as CommandFact.Parses<String>).untilReboot()

    /** Every VM but dom0, as xe lists it (name, power state, other-config, VCPUs-params). */
    static final Fact<List<Map<String, String>>> VM_RECORDS = CommandFact.output(XcpngCommands.vmRecords(),
            { String out -> XcpngOutput.records(out) } as CommandFact.Parses<List<Map<String, String>>>)

    /** A Xen boot option's value, or null when it is not set. */
    static Fact<String> xenOption(String key) {
        CommandFact.output(XcpngCommands.getXen(key), { String out -> XcpngOutput.xenOption(out, key) }
                as CommandFact.Parses<String>)
    }

    /** One option of a boot line as configured for the next boot ({@code key=value} or the flag), or null. */
    static Fact<String> bootOption(BootLine line, String key) {
        CommandFact.output(XcpngCommands.getBootOption(line, key), { String out -> XcpngOutput.bootOption(out, key) }
                as CommandFact.Parses<String>)
    }

    /** UUIDs of the VMs with this name label (they do not change while passthru runs). */
    static Fact<List<String>> vmUuids(String name) {
        CommandFact.output(XcpngCommands.vmList(name), { String out -> XcpngOutput.minimalList(out) }
                as CommandFact.Parses<List<String>>).forTheRun()
    }

    /** One parameter of one VM as xe vm-param-get prints it. */
    static Fact<String> vmParam(String uuid, String param) {
        CommandFact.output(XcpngCommands.vmParamGet(uuid, param), { String out -> out } as CommandFact.Parses<String>)
    }
}
