package dev.passthru.runtime.hostprep

import dev.passthru.dsl.NodeHugepagesStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * hugepages N, node: / noHugepages node: on KVM: a line of {@link HugepagesUnit} writes the node's nr_hugepages at
 * every boot, and the count is written now too; checked by reading that sysfs file. The kernel gives fewer pages than
 * asked when the node lacks free memory in one piece: the check then keeps failing, and says so.
 */
@CompileStatic
final class KvmNodeHugepages implements Operation<NodeHugepagesStep, KvmHost> {
    Change plan(NodeHugepagesStep step, KvmHost host) {
        String path = HugepagesUnit.sysfs(step)
        String text = host.readOptional(path)
        if (text == null) {
            throw new StepFailedException("node ${step.node} has no ${step.size} huge page pool (${path} is missing)")
        }
        long now = PrepOutput.count(text)
        BootUnit unit = BootUnits.read(host, HugepagesUnit.NAME, HugepagesUnit.DESCRIPTION) ?:
                new BootUnit(HugepagesUnit.NAME, HugepagesUnit.DESCRIPTION, [])
        String key = HugepagesUnit.key(step)
        String label = "node ${step.node} ${step.size} hugepages"
        if (step.count == null) {
            UnitLine had = unit.line(key)
            if (had == null) return Change.ok()
            List<Action> actions = [new HostCommand(PrepCommands.writeSysfs(path), '0\n') as Action]
            actions.addAll(BootUnits.keep(host, unit.without(key)))
            return Change.of(["- ${label} ${now}, set at every boot by ${unit.path()}".toString(),
                              "+ ${label} 0, none at boot".toString()], actions)
        }
        BootUnit wanted = unit.with(HugepagesUnit.line(step))
        boolean unitOk = BootUnits.installed(host, wanted)
        if (unitOk && now == step.count) return Change.ok()
        List<String> diff = []
        if (now != step.count) {
            diff << "- ${label} ${now} (${path})".toString()
            diff << "+ ${label} ${step.count}".toString()
        }
        if (unitOk && now < step.count) {
            diff << ("  the kernel gave ${now} of ${step.count}: node ${step.node} lacks that much free memory in " +
                    "${step.size} pieces (free memory, or reserve them at boot: a reboot runs ${unit.name} early)")
                    .toString()
        }
        diff.addAll(BootUnits.diff(host, wanted))
        Change.of(diff, BootUnits.install(host, wanted))
    }
}
