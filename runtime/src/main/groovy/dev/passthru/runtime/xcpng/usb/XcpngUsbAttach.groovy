package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbAttachStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.vm.VmPower
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngHost
import groovy.transform.CompileStatic

/**
 * usb on XCP-ng: the device's PUSB with passthrough enabled, platform:usb=true on the VM, and a VUSB in the PUSB's USB
 * group unless the VM has one. XAPI attaches VUSBs only at VM start (there is no vusb-plug): on a running VM the VUSB
 * is created and the VM reported as needing a restart, or, with {@code restart: true}, the VM is shut down first and
 * started again after.
 */
@CompileStatic
final class XcpngUsbAttach implements Operation<UsbAttachStep, XcpngHost> {
    /** What a restart note names. */
    static final String WHAT = 'the USB device to attach (XAPI attaches USB devices only at VM start)'

    Change plan(UsbAttachStep step, XcpngHost host) {
        UsbHost usb = new UsbHost(host)
        if (usb.matching(step.device).isEmpty()) {
            List<String> plugged = usb.plugged(step.device)
            if (!plugged) throw new StepFailedException(usb.absent(step.device))
            String line = "+ VUSB of VM '${step.vm}' for ${step.device} (plugged in at ${plugged.join(', ')}; XAPI " +
                    'lists no PUSB for it yet)'
            return Change.of([line], [new UsbNotListed(usb.absent(step.device)) as Action])
        }
        Pusb pusb = usb.pusb(step.device)
        String vm = host.vmUuid(step.vm)
        String group = usb.group(pusb)
        Vusb vusb = usb.vusbsOfVm(vm).find { Vusb v -> v.groupUuid == group }
        boolean running = host.power(vm).kind == VmPower.Kind.RUNNING
        List<String> diff = []
        List<Action> actions = []
        if (!pusb.passthroughEnabled) {
            diff << "- PUSB ${pusb} (${pusb.description}): passthrough-enabled=false".toString()
            diff << "+ PUSB ${pusb} (${pusb.description}): passthrough-enabled=true".toString()
            actions << new HostCommand(UsbCommands.enablePassthrough(pusb.uuid))
        }
        if (usb.platform(vm)['usb'] == 'false') {
            diff.addAll(['- platform:usb=false', '+ platform:usb=true'])
            actions << new HostCommand(UsbCommands.enableUsbPlatform(vm))
        }
        boolean create = vusb == null
        boolean cycle = running && step.restart && (create || !vusb.attached)
        if (create) diff << "+ VUSB of VM '${step.vm}' in USB group ${group} (${pusb})".toString()
        else if (cycle) diff << "+ VUSB ${vusb.uuid} attached (currently-attached=false)".toString()
        if (cycle) actions << new HostCommand(XcpngCommands.vmShutdown(vm))
        if (create) actions << new HostCommand(UsbCommands.vusbCreate(group, vm))
        if (cycle) actions << new HostCommand(XcpngCommands.vmStart(vm))
        boolean waiting = running && !step.restart && (create || !vusb.attached)
        if (!actions) return waiting ? Change.ok(restartNote(step.vm)) : Change.ok()
        Change c = Change.of(diff, actions, cycle ? "VM '${step.vm}' is shut down and started again for ${WHAT}"
                .toString() : null)
        waiting ? c.restarting(step.vm, WHAT) : c
    }

    /** The note for a running VM whose VUSB waits for its next start. */
    static String restartNote(String vm) {
        "VM '${vm}' is running: restart it for ${WHAT}, or give usb restart: true"
    }
}
