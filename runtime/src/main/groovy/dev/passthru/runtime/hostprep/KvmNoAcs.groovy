package dev.passthru.runtime.hostprep

import dev.passthru.dsl.NoAcsStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * noAcs on KVM: every bridge the ACS unit sets gets its value from before passthru back (setpci), and the unit goes.
 * Refused while a running VM has a device below those bridges.
 */
@CompileStatic
final class KvmNoAcs implements Operation<NoAcsStep, KvmHost> {
    Change plan(NoAcsStep step, KvmHost host) {
        BootUnit unit = BootUnits.read(host, AcsUnit.NAME, AcsUnit.DESCRIPTION)
        if (unit == null) return Change.ok()
        List<String> diff = []
        List<Action> actions = []
        unit.lines.findAll { UnitLine l -> l.was != null }.each { UnitLine l ->
            PciAddress a = PciAddress.parse(l.key)
            int was = Integer.parseInt(l.was, 16)
            Integer now = host.facts.read(PrepFacts.acsControl(a))
            if (now != null && now != was) {
                diff << "- ${a} ACSCtl ${PrepCommands.hex(now)}".toString()
                diff << "+ ${a} ACSCtl ${l.was} (its value before passthru)".toString()
                actions << (Action) new HostCommand(PrepCommands.writeAcs(a, was))
            }
        }
        int n = unit.lines.size()
        diff << "- ${unit.path()} sets ACS control on ${n} bridge${n == 1 ? '' : 's'} at every boot".toString()
        actions.addAll(BootUnits.uninstall(host, AcsUnit.NAME))
        PcieTree tree = host.pcieTree()
        Set<PciAddress> affected = new TreeSet<>()
        unit.lines.each { UnitLine l -> affected.addAll(AcsBridges.below(tree, PciAddress.parse(l.key))) }
        FailAction refused = RunningUsers.refusal(host, affected, 'restoring ACS control above them')
        refused ? Change.of(diff, [refused] as List<Action>) : Change.of(diff, actions)
    }
}
