package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.UsbId
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.xcpng.XcpngHost
import groovy.transform.CompileStatic

/**
 * USB passthrough checked before any change: a usb-policy.conf line usb_scan.py would refuse; for each {@code usb}
 * step, the device absent or denied by the policy (with no {@code usbPolicy} allowing it earlier), several alike
 * without serial: or path:, its USB group already given to another VM, more than 6 VUSBs on the VM (XAPI's
 * TOO_MANY_VUSBS), and a PV VM (no emulated USB controller).
 */
@CompileStatic
final class UsbPreflight {
    /** xapi_vusb.ml: at most 6 VUSBs per VM. */
    static final int MAX_VUSBS = 6

    private final XcpngHost host
    private final UsbHost usb

    UsbPreflight(XcpngHost host) {
        this.host = host
        this.usb = new UsbHost(host)
    }

    /** Whether the recipe has a step this checks (usb, usbPolicy). */
    static boolean concerns(Recipe recipe) {
        recipe.steps.any { Step s -> s instanceof UsbAttachStep || s instanceof UsbPolicyStep }
    }

    /** One finding per problem, in recipe order; none when the recipe has no USB step. */
    List<Finding> check(Recipe recipe) {
        List<Finding> out = []
        List<UsbId> allowed = []
        Map<String, Integer> added = [:]
        recipe.steps.each { Step s ->
            if (s instanceof UsbPolicyStep) {
                out.addAll(policyFile(s))
                allowed.addAll(((UsbPolicyStep) s).allow)
            }
            if (s instanceof UsbAttachStep) out.addAll(attach((UsbAttachStep) s, allowed, added))
        }
        out
    }

    /** The policy file as usb_scan.py reads it: each line it would refuse. */
    private List<Finding> policyFile(Step step) {
        String text = usb.policyText()
        if (text == null) {
            return [Finding.error(step, "${UsbPolicyFile.PATH} does not exist: usb_scan.py then fails and XAPI lists " +
                    'no USB device', "cat ${UsbPolicyFile.PATH}: No such file or directory",
                    'restore it from the xapi-core package')]
        }
        List<Finding> out = []
        text.readLines().eachWithIndex { String line, int i ->
            String problem = UsbPolicyFile.problem(line)
            if (problem) {
                out << Finding.error(step, "${UsbPolicyFile.PATH} line ${i + 1} is a rule usb_scan.py refuses, so " +
                        'no scan would succeed', problem, 'fix or remove that line (rules: ALLOW|DENY: ' +
                        'class=hh subclass=hh prot=hh vid=hhhh pid=hhhh rel=hhhh; # comments in column 1)')
            }
        }
        out
    }

    private List<Finding> attach(UsbAttachStep step, List<UsbId> allowed, Map<String, Integer> added) {
        String vm
        try {
            vm = host.vmUuid(step.vm)
        } catch (StepFailedException ignored) {
            return []   // the VM checks report it
        }
        List<Finding> out = []
        if (!usb.bootPolicy(vm)) {
            out << Finding.error(step, "VM '${step.vm}' is a PV guest (empty HVM-boot-policy): USB passthrough needs " +
                    "an HVM guest's emulated USB controller", "${XcpngCommands.vmParamGet(vm, 'HVM-boot-policy')}: " +
                    '(empty)', 'use an HVM VM (made from an HVM template)')
        }
        List<Pusb> found = usb.matching(step.device)
        boolean allowedHere = allowed.any { UsbId a -> a.vendor == step.device.vendor &&
                a.product == step.device.product }
        if (found.isEmpty()) {
            if (!allowedHere) out << absent(step)
            return out
        }
        if (found.size() > 1) {
            out << Finding.error(step, UsbHost.several(step.device, found),
                    "${UsbCommands.pusbList(usb.hostUuid(), step.device)}: ${found*.uuid.join(', ')}",
                    "usb vendor: '${step.device.vendor}', product: '${step.device.product}', path: '${found[0].path}'")
            return out
        }
        String group = usb.group(found[0])
        List<Vusb> others = usb.vusbsOfGroup(group).findAll { Vusb v -> v.vmUuid != vm }
        others.each { Vusb v ->
            out << Finding.error(step, "${found[0]} is already passed through to VM '${v.vmName}' (VUSB " +
                    "${v.uuid}); a USB group holds one VUSB", "${UsbCommands.vusbsOfGroup(group)}: vm-uuid ${v.vmUuid}",
                    "detach it there first: vm('${v.vmName}') { detachUsb vendor: '${step.device.vendor}', " +
                            "product: '${step.device.product}' }")
        }
        List<Vusb> mine = usb.vusbsOfVm(vm)
        if (!mine.any { Vusb v -> v.groupUuid == group }) {
            int total = mine.size() + (added[vm] ?: 0) + 1
            added[vm] = (added[vm] ?: 0) + 1
            if (total > MAX_VUSBS) {
                out << Finding.error(step, "VM '${step.vm}' would have ${total} USB devices; XAPI allows at most " +
                        "${MAX_VUSBS} (TOO_MANY_VUSBS)", "${UsbCommands.vusbsOfVm(vm)}: ${mine.size()} VUSBs",
                        'detach one with detachUsb first')
            }
        }
        out
    }

    /** The device has no PUSB: not plugged in, or plugged in and denied by the policy (which rule says). */
    private Finding absent(UsbAttachStep step) {
        UsbId id = step.device
        Map<String, Map<String, String>> sysfs = usb.sysfs()
        List<String> devices = usb.plugged(id)
        String text = devices ? usb.policyText() : null
        UsbRule deny = null
        if (devices && text != null) {
            try {
                List<UsbRule> rules = UsbPolicyFile.rules(text)
                deny = devices.collect { String d ->
                    List<Map<String, String>> ifaces = sysfs.findAll { String n, Map<String, String> a ->
                        n.startsWith(d + ':') }.values().collect { Map<String, String> a ->
                        [class: a.bInterfaceClass, subclass: a.bInterfaceSubClass, prot: a.bInterfaceProtocol]
                                as Map<String, String> }
                    UsbPolicyFile.denying(rules, [vid: id.vendor, pid: id.product, rel: sysfs[d].bcdDevice], ifaces)
                }.find { it != null }
            } catch (OutputFormatException ignored) {
                deny = null   // the policy step's check names the bad line
            }
        }
        String allow = "usbPolicy { allow vendor: '${id.vendor}', product: '${id.product}' }"
        if (deny != null) {
            return Finding.error(step, "the USB policy denies ${id} (plugged in at ${devices.join(', ')}), so XAPI " +
                    'lists no PUSB for it',
                    "${UsbPolicyFile.PATH}${deny.line ? " line ${deny.line}" : ''}: ${deny.text}",
                    "add to the recipe, before this step: ${allow} (recipes/xcp-ng/usb-keyboard.groovy)")
        }
        String evidence = devices ? "USB sysfs: ${devices.join(', ')} (allowed by the policy: not scanned yet)"
                : "${UsbCommands.SYSFS}: no device ${id.vendor}:${id.product}"
        String fix = devices ? UsbCommands.pusbScan(usb.hostUuid()) : 'plug the device in (lsusb lists it)'
        Finding.error(step, usb.absent(id), evidence, fix)
    }
}
