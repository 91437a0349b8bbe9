package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.vm.VmPower
import groovy.transform.CompileStatic

/**
 * One XCP-ng host as its operations see it: typed reads through the run's facts (each command once until a write or
 * a reboot), and the commands that change it.
 */
@CompileStatic
class XcpngHost {
    final Facts facts

    XcpngHost(Facts facts) { this.facts = facts }

    /** The host's PCI devices; their NUMA nodes come from Xen (xl info -n), which dom0's sysfs does not know. */
    HostDevices devices() { new HostDevices(facts, { XcpngOutput.deviceTopology(xlInfoNuma()) }) }

    /** Devices dom0 is configured to hide at next boot. */
    List<PciAddress> hiddenConfigured() { facts.read(XcpngFacts.HIDDEN_CONFIGURED) }

    /** The command that configures the devices dom0 hides at next boot; an empty list removes the setting. */
    Action configureHidden(List<PciAddress> devices) {
        new HostCommand(devices ? XcpngCommands.setHidden(devices) : XcpngCommands.deleteHidden())
    }

    /** Devices assignable to VMs now (bound to pciback in this boot). */
    List<PciAddress> assignable() { facts.read(XcpngFacts.ASSIGNABLE) }

    /** xl info -n: the xl info fields, and the raw text for the topology tables. */
    String xlInfoNuma() { facts.read(XcpngFacts.XL_INFO) }

    /** A Xen boot option's value, or null when it is not set. */
    String xenOption(String key) { facts.read(XcpngFacts.xenOption(key)) }

    /** One option of a boot line for the next boot ({@code key=value} or the flag), or null when it is not set. */
    String configuredOption(BootLine line, String key) { facts.read(XcpngFacts.bootOption(line, key)) }

    /** A boot line as it runs in this boot: Xen's from xl info's xen_commandline, dom0's from /proc/cmdline. */
    List<String> running(BootLine line) {
        line == BootLine.XEN ? XcpngOutput.xenCommandline(xlInfoNuma()) : facts.read(CommonFacts.RUNNING_CMDLINE)
    }

    /** The command that sets one option of a boot line for the next boot. */
    Action setOption(BootLine line, String token) { new HostCommand(XcpngCommands.setBootOption(line, token)) }

    /** The command that deletes one option of a boot line for the next boot. */
    Action deleteOption(BootLine line, String key) { new HostCommand(XcpngCommands.deleteBootOption(line, key)) }

    Map<String, String> osRelease() { facts.read(CommonFacts.OS_RELEASE) }

    /** Whether the host has XAPI's xe (XCP-ng, XenServer) or is a Xen host with xl alone. */
    boolean hasXapi() { 'xe' in facts.read(CommonFacts.TOOLS) }

    /** Every VM but dom0, as xe lists it. */
    List<Map<String, String>> vmRecords() { facts.read(XcpngFacts.VM_RECORDS) }

    /** UUIDs of the VMs with this name label. */
    List<String> vmUuids(String name) { facts.read(XcpngFacts.vmUuids(name)) }

    /** The one VM with this name label; none or several is a failure naming them. */
    String vmUuid(String name) {
        List<String> found = vmUuids(name)
        if (found.isEmpty()) {
            String looked = XcpngCommands.vmList(name)
            throw new NoSuchVmException("no VM is named '${name}' on this host (${looked} found none)")
        }
        if (found.size() > 1) {
            throw new StepFailedException("${found.size()} VMs are named '${name}' (${found.join(', ')}); rename one " +
                    "so the recipe names exactly one")
        }
        found[0]
    }

    List<PciEntry> pciOf(String uuid) {
        XcpngOutput.pciEntries(XcpngOutput.xeMap(facts.read(XcpngFacts.vmParam(uuid, 'other-config')))['pci'])
    }

    List<Integer> maskOf(String uuid) {
        XcpngOutput.cpuMask(XcpngOutput.xeMap(facts.read(XcpngFacts.vmParam(uuid, 'VCPUs-params')))['mask'])
    }

    VmPower power(String uuid) { VmPower.ofXe(facts.read(XcpngFacts.vmParam(uuid, 'power-state')).trim()) }

    /**
     * A change to a VM's configuration, which XAPI reads at VM start: when the VM runs, {@code what} takes effect at
     * its next start.
     */
    Change vmChange(String vm, List<String> diff, Action action, String what) {
        Change c = Change.of(diff, [action])
        power(vmUuid(vm)).running ? c.restarting(vm, what) : c
    }

    /** No VM has the name asked for. */
    @CompileStatic
    static class NoSuchVmException extends StepFailedException {
        NoSuchVmException(String message) { super(message) }
    }
}
