package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

// How each recipe step is checked and applied on XCP-ng. One small handler per step kind; a handler
// keeps what its last check read, so apply writes exactly what the check showed in its diff.

/** hide: add devices to dom0's xen-pciback.hide, keeping the ones already there. */
@CompileStatic
class HideHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> wanted
    private List<PciAddress> configured

    HideHandler(XcpngHost host, List<Device> devices) { this.host = host; this.wanted = devices*.address }

    Check check() {
        configured = host.hiddenConfigured()
        List<PciAddress> missing = wanted - configured
        if (missing) {
            return Check.change(HideDiff.of(configured, configured + missing), 'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> notYet = wanted - host.assignable()
        notYet ? Check.pendingReboot("${notYet.join(', ')} configured as hidden; assignable after a reboot") : Check.ok()
    }

    void apply(Check before) { host.configureHidden(configured + (wanted - configured)) }
}

/** unhide: remove only these devices from xen-pciback.hide (and the whole key when none is left). */
@CompileStatic
class UnhideHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> unwanted
    private List<PciAddress> configured

    UnhideHandler(XcpngHost host, List<Device> devices) { this.host = host; this.unwanted = devices*.address }

    Check check() {
        configured = host.hiddenConfigured()
        if (configured.any { unwanted.contains(it) }) {
            return Check.change(HideDiff.of(configured, configured - unwanted), 'takes effect after a reboot').needingReboot()
        }
        List<PciAddress> still = host.assignable().findAll { unwanted.contains(it) }
        still ? Check.pendingReboot("${still.join(', ')} no longer configured as hidden; back with dom0 after a reboot") : Check.ok()
    }

    void apply(Check before) { host.configureHidden(configured - unwanted) }
}

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

/** verify assignable: every device is in xl pci-assignable-list. Verifies only; there is nothing to apply. */
@CompileStatic
class AssignableHandler implements StepHandler {
    private final XcpngHost host
    private final List<PciAddress> wanted
    private List<PciAddress> missing = []

    AssignableHandler(XcpngHost host, List<Device> devices) { this.host = host; this.wanted = devices*.address }

    Check check() {
        missing = wanted - host.assignable()
        missing ? Check.change(missing.collect { "- assignable: ${it}".toString() }) : Check.ok()
    }

    void apply(Check before) {
        throw new StepFailedException("${missing.join(', ')} not assignable: xl pci-assignable-list does not list ${missing.size() == 1 ? 'it' : 'them'} (hide the device and reboot first)")
    }
}

/** A step on one VM's configuration; notes when the VM runs, since XAPI reads pci and mask at VM start. */
@CompileStatic
abstract class VmConfigHandler implements StepHandler {
    protected final XcpngHost host
    protected final String vm

    VmConfigHandler(XcpngHost host, String vm) { this.host = host; this.vm = vm }

    protected String uuid() { host.vmUuid(vm) }

    protected Check changed(List<String> diff, String what) {
        String note = host.powerState(uuid()) == 'running' ? "VM '${vm}' is running: restart it for the new ${what} to take effect".toString() : null
        Check.change(diff, note)
    }
}

/** attach: add devices to the VM's other-config:pci, keeping the devices it has. */
@CompileStatic
class AttachHandler extends VmConfigHandler {
    private final List<PciAddress> wanted
    private List<PciEntry> current

    AttachHandler(XcpngHost host, String vm, List<Device> devices) { super(host, vm); this.wanted = devices*.address }

    Check check() {
        current = host.pciOf(uuid())
        List<PciAddress> missing = wanted - current*.address
        missing ? changed(PciDiff.of(current, target()), 'pci devices') : Check.ok()
    }

    private List<PciEntry> target() {
        current + (wanted - current*.address).collect { PciAddress a -> new PciEntry('0', a) }
    }

    void apply(Check before) { host.setPci(uuid(), target()) }
}

/** detach: remove devices from the VM's other-config:pci, keeping its other devices. */
@CompileStatic
class DetachHandler extends VmConfigHandler {
    private final List<PciAddress> unwanted
    private List<PciEntry> current

    DetachHandler(XcpngHost host, String vm, List<Device> devices) { super(host, vm); this.unwanted = devices*.address }

    Check check() {
        current = host.pciOf(uuid())
        current.any { PciEntry e -> unwanted.contains(e.address) } ? changed(PciDiff.of(current, target()), 'pci devices') : Check.ok()
    }

    private List<PciEntry> target() { current.findAll { PciEntry e -> !unwanted.contains(e.address) } }

    void apply(Check before) { host.setPci(uuid(), target()) }
}

/** The diff lines of a change to other-config:pci. */
@CompileStatic
final class PciDiff {
    static List<String> of(List<PciEntry> from, List<PciEntry> to) {
        ["- other-config:pci=${from ? XcpngOutput.pciValue(from) : '(not set)'}".toString(),
         "+ other-config:pci=${to ? XcpngOutput.pciValue(to) : '(not set)'}".toString()]
    }
}

/** pinVcpus: set VCPUs-params:mask to exactly these host CPUs. */
@CompileStatic
class PinHandler extends VmConfigHandler {
    private final CpuSet cpus

    PinHandler(XcpngHost host, String vm, CpuSet cpus) { super(host, vm); this.cpus = cpus }

    Check check() {
        List<Integer> current = host.maskOf(uuid())
        if (CpuSet.of(current) == cpus) return Check.ok()
        // listed one by one only here, after preflight has checked the CPUs against the host's
        changed(["- VCPUs-params:mask=${current ? current.join(',') : '(not set)'}".toString(), "+ VCPUs-params:mask=${cpus.toSortedSet().join(',')}".toString()], 'vCPU mask')
    }

    void apply(Check before) { host.setMask(uuid(), cpus.toSortedSet()) }
}

/** unpinVcpus: remove VCPUs-params:mask, so the VM's vCPUs may run on any host CPU. */
@CompileStatic
class UnpinHandler extends VmConfigHandler {
    UnpinHandler(XcpngHost host, String vm) { super(host, vm) }

    Check check() {
        List<Integer> current = host.maskOf(uuid())
        current ? changed(["- VCPUs-params:mask=${current.join(',')}".toString(), '+ VCPUs-params:mask=(not set)'], 'vCPU mask') : Check.ok()
    }

    void apply(Check before) { host.removeMask(uuid()) }
}

/** start / stop: bring the VM to a power state, doing nothing when it is there. */
@CompileStatic
class PowerHandler implements StepHandler {
    private final XcpngHost host
    private final String vm
    private final String wanted
    private final String from

    PowerHandler(XcpngHost host, String vm, boolean start) {
        this.host = host
        this.vm = vm
        this.wanted = start ? 'running' : 'halted'
        this.from = start ? 'halted' : 'running'
    }

    Check check() {
        String state = host.powerState(host.vmUuid(vm))
        if (state == wanted) return Check.ok()
        if (state != from) {
            throw new StepFailedException("VM '${vm}' is ${state}; passthru moves a VM only from ${from} to ${wanted} (resume or shut it down first)")
        }
        Check.change(["- power-state=${state}".toString(), "+ power-state=${wanted}".toString()])
    }

    void apply(Check before) {
        String uuid = host.vmUuid(vm)
        wanted == 'running' ? host.start(uuid) : host.shutdown(uuid)
    }
}
