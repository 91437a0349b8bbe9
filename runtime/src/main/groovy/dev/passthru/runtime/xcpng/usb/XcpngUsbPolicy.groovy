package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbId
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.kvm.KvmFacts
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.operation.WaitUntil
import dev.passthru.runtime.xcpng.XcpngHost
import groovy.transform.CompileStatic

import java.util.function.Predicate

/**
 * usbPolicy on XCP-ng: ALLOW rules in /etc/xensource/usb-policy.conf ahead of its DENY rules (first match wins), the
 * file's other lines kept in order and the original kept once as FILE.passthru.orig; then usb_scan.py -d (which fails
 * on a rule it cannot parse) and xe pusb-scan, so XAPI lists the devices now allowed.
 */
@CompileStatic
final class XcpngUsbPolicy implements Operation<UsbPolicyStep, XcpngHost> {
    /** How long XAPI's scan may take to list a newly allowed device. */
    static final long SCAN_TIMEOUT_MS = 30000L

    Change plan(UsbPolicyStep step, XcpngHost host) {
        UsbHost usb = new UsbHost(host)
        String path = UsbPolicyFile.PATH
        String text = usb.policyText()
        if (text == null) {
            throw new StepFailedException("${path} does not exist: usb_scan.py then allows no USB device; restore " +
                    'it from the xapi package (rpm -V xapi-core)')
        }
        String wanted = UsbPolicyFile.withAllowed(text, step.allow)
        if (wanted == text) return Change.ok()
        List<UsbRule> rules = UsbPolicyFile.rules(text)
        List<String> diff = step.allow.findAll { UsbId id -> !UsbPolicyFile.placed(rules, id) }
                .collect { UsbId id -> "+ ${path}: ${UsbPolicyFile.allowLine(id)} (before the DENY rules)".toString() }
        List<Action> actions = []
        if (!host.facts.read(KvmFacts.exists(KvmCommands.original(path)))) {
            actions << new HostCommand(KvmCommands.backup(path))
        }
        actions << new HostCommand(KvmCommands.writeNew(path), wanted)
        actions << new HostCommand(KvmCommands.replace(path))
        actions << new HostCommand(UsbCommands.usbScan())
        actions << new HostCommand(UsbCommands.pusbScan(usb.hostUuid()))
        // pusb-scan only signals XAPI's scan thread: wait until it lists each allowed device that is plugged in
        step.allow.findAll { UsbId id -> usb.plugged(id) }.each { UsbId id ->
            actions << new WaitUntil<List<Pusb>>(UsbFacts.pusbs(usb.hostUuid(), id),
                    { List<Pusb> l -> !l.isEmpty() } as Predicate<List<Pusb>>, "a PUSB for ${id}".toString(),
                    SCAN_TIMEOUT_MS, 1000L, "XAPI lists no PUSB for ${id} ${SCAN_TIMEOUT_MS.intdiv(1000)} s after " +
                    "xe pusb-scan; run ${UsbCommands.usbScan()} to see what it reports")
        }
        Change.of(diff, actions)
    }
}
