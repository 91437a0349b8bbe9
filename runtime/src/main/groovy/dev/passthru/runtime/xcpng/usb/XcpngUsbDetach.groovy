package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbDetachStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.vm.VmPower
import dev.passthru.runtime.xcpng.XcpngHost
import groovy.transform.CompileStatic

/**
 * detachUsb on XCP-ng: the VM's VUSB in the device's USB group unplugged (only while the VM runs and it is attached:
 * xapi_vusb_helpers.ml refuses otherwise) and destroyed; nothing when the VM has none.
 */
@CompileStatic
final class XcpngUsbDetach implements Operation<UsbDetachStep, XcpngHost> {
    Change plan(UsbDetachStep step, XcpngHost host) {
        UsbHost usb = new UsbHost(host)
        List<Pusb> found = usb.matching(step.device)
        if (found.isEmpty()) return Change.ok("no USB device ${step.device} on this host: nothing to detach")
        Pusb pusb = usb.pusb(step.device)
        String vm = host.vmUuid(step.vm)
        String group = usb.group(pusb)
        Vusb vusb = usb.vusbsOfVm(vm).find { Vusb v -> v.groupUuid == group }
        if (vusb == null) return Change.ok()
        List<Action> actions = []
        if (vusb.attached && host.power(vm).kind == VmPower.Kind.RUNNING) {
            actions << new HostCommand(UsbCommands.vusbUnplug(vusb.uuid))
        }
        actions << new HostCommand(UsbCommands.vusbDestroy(vusb.uuid))
        Change.of(["- VUSB ${vusb.uuid} of VM '${step.vm}' (${pusb})".toString()], actions)
    }
}
