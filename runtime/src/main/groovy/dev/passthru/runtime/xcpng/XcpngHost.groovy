package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/** Reads and changes one XCP-ng host's passthrough state through its own tools. */
@CompileStatic
class XcpngHost {
    private final HostShell sh
    private final Map<String, String> uuids = [:]

    XcpngHost(HostShell sh) { this.sh = sh }

    /** Devices dom0 is configured to hide at next boot. */
    List<PciAddress> hiddenConfigured() { XcpngOutput.hiddenDevices(sh.out(XcpngCommands.getHidden())) }

    /** Configures the devices dom0 hides at next boot; an empty list removes the setting. */
    void configureHidden(List<PciAddress> devices) {
        sh.out(devices ? XcpngCommands.setHidden(devices) : XcpngCommands.deleteHidden())
    }

    /** Devices assignable to VMs now (bound to pciback in this boot). */
    List<PciAddress> assignable() { XcpngOutput.assignable(sh.out(XcpngCommands.assignableList())) }

    final HostShell shell() { sh }

    /**
     * xl info -n: the xl info fields (the first line of each table is harmless), and the raw text for the topology
     * tables.
     */
    String xlInfoNuma() { sh.out(XcpngCommands.xlInfoNuma()) }

    /** A Xen boot option's value, or null when it is not set. */
    String xenOption(String key) { XcpngOutput.xenOption(sh.out(XcpngCommands.getXen(key)), key) }

    Map<String, String> osRelease() { dev.passthru.runtime.kvm.KvmOutput.osRelease(sh.out(XcpngCommands.osRelease())) }

    /** Every VM but dom0, as xe lists it. */
    List<Map<String, String>> vmRecords() { XcpngOutput.records(sh.out(XcpngCommands.vmRecords())) }


    /** UUIDs of the VMs with this name label. */
    List<String> vmUuids(String name) { XcpngOutput.minimalList(sh.out(XcpngCommands.vmList(name))) }

    /** The one VM with this name label; none or several is a failure naming them. */
    String vmUuid(String name) {
        String known = uuids[name]
        if (known) return known
        List<String> found = vmUuids(name)
        if (found.isEmpty()) {
            String looked = XcpngCommands.vmList(name)
            throw new NoSuchVmException("no VM is named '${name}' on this host (${looked} found none)")
        }
        if (found.size() > 1) {
            throw new StepFailedException("${found.size()} VMs are named '${name}' (${found.join(', ')}); rename one " +
                    "so the recipe names exactly one")
        }
        uuids[name] = found[0]
        found[0]
    }

    List<PciEntry> pciOf(String uuid) {
        XcpngOutput.pciEntries(XcpngOutput.xeMap(sh.out(XcpngCommands.vmParamGet(uuid, 'other-config')))['pci'])
    }

    void setPci(String uuid, List<PciEntry> entries) {
        sh.out(entries ? XcpngCommands.setPci(uuid, entries) : XcpngCommands.removePci(uuid))
    }

    List<Integer> maskOf(String uuid) {
        XcpngOutput.cpuMask(XcpngOutput.xeMap(sh.out(XcpngCommands.vmParamGet(uuid, 'VCPUs-params')))['mask'])
    }

    void setMask(String uuid, Collection<Integer> cpus) { sh.out(XcpngCommands.setMask(uuid, cpus)) }

    void removeMask(String uuid) { sh.out(XcpngCommands.removeMask(uuid)) }

    String powerState(String uuid) { sh.out(XcpngCommands.vmParamGet(uuid, 'power-state')).trim() }

    void start(String uuid) { sh.out(XcpngCommands.vmStart(uuid)) }

    void shutdown(String uuid) { sh.out(XcpngCommands.vmShutdown(uuid)) }

    /** No VM has the name asked for. */
    @CompileStatic
    static class NoSuchVmException extends StepFailedException {
        NoSuchVmException(String message) { super(message) }
    }
}
