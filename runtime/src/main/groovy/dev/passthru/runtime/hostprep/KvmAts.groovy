package dev.passthru.runtime.hostprep

import dev.passthru.dsl.AtsStep
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PcieTree
import groovy.transform.CompileStatic

/**
 * ats on KVM: each NIC's ATS as lspci shows it (ATSCtl: Enable+). Off, it fails with the fix (mlxconfig ... set
 * ATS_ENABLED=true, then a host reboot); with enable: true it runs that fix when mlxconfig is installed, and the change
 * takes effect at the next boot (checked then, through the tree's ATS state). Before setting it, what mlxconfig's
 * query showed is kept in the {@link AtsRecord} on the host, for noAts.
 */
@CompileStatic
final class KvmAts implements Operation<AtsStep, KvmHost> {
    Change plan(AtsStep step, KvmHost host) {
        PcieTree tree = host.pcieTree()
        List<PciAddress> off = step.devices*.address.findAll { PciAddress a ->
            PcieFunction f = tree.get(a)
            if (f == null || !f.hasAts()) {
                throw new StepFailedException("${a} has no ATS capability (lspci -vvv shows no Address Translation " +
                        'Service)')
            }
            !f.atsEnabled
        }
        if (!off) return Change.ok()
        List<String> diff = off.collectMany { PciAddress a ->
            ["- ${a} ATSCtl: Enable-".toString(), "+ ${a} ATSCtl: Enable+".toString()]
        }
        String fix = off.collect { PrepCommands.enableAts(it) }.join('; ')
        if (!step.enable) {
            return Change.of(diff, [new FailAction("ATS is off on ${off.join(', ')} (lspci: ATSCtl: Enable-); fix: " +
                    "${fix}, then reboot the host (a VM reboot is not enough), or say ats ..., enable: true and " +
                    'reboot()') as Action])
        }
        if (!host.facts.read(PrepFacts.MLXCONFIG)) {
            return Change.of(diff, [new FailAction('ats enable: true needs mlxconfig (NVIDIA Firmware Tools, MFT), ' +
                    "which this host does not have: install MFT, or run ${fix} elsewhere and reboot") as Action])
        }
        Map<PciAddress, String> before = off.collectEntries { PciAddress a ->
            [(a): host.facts.read(PrepFacts.atsSetting(a))]
        }
        List<PciAddress> toSet = off.findAll { PciAddress a -> !PrepOutput.atsOn(before[a]) }
        if (!toSet) {
            return Change.pendingReboot("ATS_ENABLED is True(1) for the next boot of ${off.join(', ')} " +
                    '(mlxconfig): reboot the host')
        }
        AtsRecord record = AtsRecords.read(host)
        toSet.each { PciAddress a -> record = record.with(a, before[a]) }
        List<Action> actions = AtsRecords.keep(host, record)
        actions.addAll(toSet.collect { PciAddress a -> new HostCommand(PrepCommands.enableAts(a)) as Action })
        Change.of(diff, actions, 'takes effect after a host reboot').needingReboot()
    }
}
