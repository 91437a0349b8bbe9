package dev.passthru.runtime.hostprep

import dev.passthru.dsl.AcsStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.pcie.AcsBits
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * acs { } on KVM: the bridges on the devices' paths get the control value now (setpci) and at every boot
 * ({@link AcsUnit}, whose lines keep each bridge's value before passthru for noAcs); checked by reading each bridge's
 * register. Refused while a running VM has a device below those bridges.
 */
@CompileStatic
final class KvmAcs implements Operation<AcsStep, KvmHost> {
    Change plan(AcsStep step, KvmHost host) {
        List<PciAddress> devices = step.devices*.address
        PcieTree tree = host.pcieTree()
        List<PcieFunction> none = AcsBridges.withoutAcs(tree, devices)
        if (none) {
            throw new StepFailedException("${none*.address.join(', ')} ${none.size() == 1 ? 'has' : 'have'} no ACS " +
                    'capability (lspci -vvv shows no Access Control Services): acs { } cannot set it')
        }
        BootUnit unit = BootUnits.read(host, AcsUnit.NAME, AcsUnit.DESCRIPTION) ?:
                new BootUnit(AcsUnit.NAME, AcsUnit.DESCRIPTION, [])
        BootUnit wanted = unit
        List<String> diff = []
        AcsBridges.targets(tree, devices, step.control).each { AcsTarget t ->
            PciAddress a = t.bridge.address
            Integer now = host.facts.read(PrepFacts.acsControl(a))
            if (now == null) throw new StepFailedException("setpci finds no ACS capability on ${a}")
            UnitLine had = unit.line(a.toString())
            int was = had?.was != null ? Integer.parseInt(had.was, 16) : now
            wanted = wanted.with(AcsUnit.line(a, t.value, was))
            if (now != t.value) {
                diff << "- ${a} ACSCtl ${PrepCommands.hex(now)}: ${AcsBits.describe(now)}".toString()
                diff << "+ ${a} ACSCtl ${PrepCommands.hex(t.value)}: ${AcsBits.describe(t.value)}".toString()
            }
        }
        diff.addAll(BootUnits.diff(host, wanted))
        if (!diff) return Change.ok()
        Set<PciAddress> affected = new TreeSet<>(devices)
        wanted.lines.each { UnitLine l -> affected.addAll(AcsBridges.below(tree, PciAddress.parse(l.key))) }
        FailAction refused = RunningUsers.refusal(host, affected, 'changing ACS control above them')
        refused ? Change.of(diff, [refused]) : Change.of(diff, BootUnits.install(host, wanted))
    }
}
