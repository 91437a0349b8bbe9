package dev.passthru.runtime.xcpng

import dev.passthru.dsl.XenArgsStep
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * xen { } on XCP-ng and Xen hosts: Xen's and dom0's boot options set and deleted one by one through xen-cmdline,
 * only those not already configured; configured but not yet running is a pending reboot.
 */
@CompileStatic
final class XcpngXenArgs implements Operation<XenArgsStep, XcpngHost> {
    Change plan(XenArgsStep step, XcpngHost host) {
        Map<BootLine, List<List<String>>> lines = [(BootLine.XEN) : [step.xenAdd, step.xenRemove],
                                                   (BootLine.DOM0): [step.dom0Add, step.dom0Remove]]
        List<String> diff = []
        List<Action> actions = []
        lines.each { BootLine line, List<List<String>> edits ->
            edits[0].each { String token ->
                String now = host.configuredOption(line, key(token))
                if (now == token) return
                if (now != null) diff << "- ${line.prefix}${now}".toString()
                diff << "+ ${line.prefix}${token}".toString()
                actions << host.setOption(line, token)
            }
            edits[1].each { String k ->
                String now = host.configuredOption(line, k)
                if (now == null) return
                diff << "- ${line.prefix}${now}".toString()
                actions << host.deleteOption(line, k)
            }
        }
        if (actions) return Change.of(diff, actions, 'takes effect after a reboot').needingReboot()
        List<String> pending = []
        lines.each { BootLine line, List<List<String>> edits ->
            if (edits[0].isEmpty() && edits[1].isEmpty()) return
            List<String> running = host.running(line)
            List<String> off = edits[0].findAll { String t -> !running.contains(t) }
            edits[1].each { String k -> if (running.any { String t -> key(t) == k }) off << "-${k}".toString() }
            if (off) pending << "${off.join(' ')} not yet in ${line.running}".toString()
        }
        pending ? Change.pendingReboot("configured with xen-cmdline; ${pending.join('; ')}: after a reboot")
                : Change.ok()
    }

    private static String key(String token) { int eq = token.indexOf('='); eq < 0 ? token : token.substring(0, eq) }
}
