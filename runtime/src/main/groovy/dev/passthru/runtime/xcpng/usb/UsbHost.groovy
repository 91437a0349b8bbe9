package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbId
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.KvmFacts
import dev.passthru.runtime.xcpng.XcpngFacts
import dev.passthru.runtime.xcpng.XcpngHost
import dev.passthru.runtime.xcpng.XcpngOutput
import groovy.transform.CompileStatic

/** An XCP-ng host's USB passthrough as operations and preflight read it, through the run's facts. */
@CompileStatic
final class UsbHost {
    final XcpngHost host

    UsbHost(XcpngHost host) { this.host = host }

    String hostUuid() { host.facts.read(UsbFacts.HOST_UUID) }

    /** The PUSBs matching the recipe's device (vendor and product, then serial and path when given). */
    List<Pusb> matching(UsbId id) {
        host.facts.read(UsbFacts.pusbs(hostUuid(), id)).findAll { Pusb p ->
            (id.serial == null || p.serial == id.serial) && (id.path == null || p.path == id.path)
        }
    }

    /** The one PUSB the recipe's device names; none or several is a failure saying which. */
    Pusb pusb(UsbId id) {
        List<Pusb> found = matching(id)
        if (found.isEmpty()) throw new StepFailedException(absent(id))
        if (found.size() > 1) throw new StepFailedException(several(id, found))
        found[0]
    }

    /** The message for a device no PUSB matches. */
    String absent(UsbId id) {
        "no USB device ${id} on this host (${UsbCommands.pusbList(hostUuid(), id)} lists none); plug it in, or " +
                'allow it in usbPolicy { } when the usb-policy denies it'
    }

    /** The message for a device several PUSBs match. */
    static String several(UsbId id, List<Pusb> found) {
        String each = found.collect { Pusb p -> "path ${p.path} serial ${p.serial}" }.join(', ')
        "${found.size()} USB devices match ${id} (${each})" +
                '; add serial: or path: to pick one'
    }

    /** The USB group XAPI made for a PUSB. */
    String group(Pusb pusb) {
        String g = host.facts.read(UsbFacts.group(pusb.uuid))
        if (g == null) throw new StepFailedException("PUSB ${pusb.uuid} (${pusb}) is in no USB group " +
                "(${UsbCommands.groupOf(pusb.uuid)} lists none)")
        g
    }

    List<Vusb> vusbsOfVm(String vmUuid) { host.facts.read(UsbFacts.vusbsOfVm(vmUuid)) }

    List<Vusb> vusbsOfGroup(String group) { host.facts.read(UsbFacts.vusbsOfGroup(group)) }

    /** A VM's platform map (platform:usb and the rest). */
    Map<String, String> platform(String vmUuid) {
        XcpngOutput.xeMap(host.facts.read(XcpngFacts.vmParam(vmUuid, 'platform')))
    }

    /** A VM's HVM-boot-policy: empty for a PV guest, which has no emulated USB controller. */
    String bootPolicy(String vmUuid) { host.facts.read(XcpngFacts.vmParam(vmUuid, 'HVM-boot-policy')).trim() }

    /** The usb-policy file's text, or null when there is none. */
    String policyText() { host.facts.read(KvmFacts.file(UsbPolicyFile.PATH)) }

    /** The sysfs names (bus paths) of the plugged-in devices with the recipe's vendor and product. */
    List<String> plugged(UsbId id) {
        sysfs().findAll { String name, Map<String, String> a -> a.idVendor == id.vendor && a.idProduct == id.product }
                .keySet().toList()
    }

    /** USB sysfs attributes by device and interface name. */
    Map<String, Map<String, String>> sysfs() { host.facts.read(UsbFacts.SYSFS) }
}
