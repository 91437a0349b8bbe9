package dev.passthru.runtime.hostprep

import dev.passthru.dsl.NoAtsStep
import dev.passthru.dsl.PciAddress
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
 * noAts on KVM: each NIC the {@link AtsRecord} names gets the firmware ATS_ENABLED it had before passthru back
 * (mlxconfig set), and leaves the record; a NIC it does not name is left as it is. The firmware value takes effect
 * at the next boot: until then (mlxconfig's next-boot value differs from lspci's ATSCtl) the step asks for the reboot,
 * and after it the same comparison checks it. Refused while a running VM has those NICs.
 */
@CompileStatic
final class KvmNoAts implements Operation<NoAtsStep, KvmHost> {
    Change plan(NoAtsStep step, KvmHost host) {
        AtsRecord record = AtsRecords.read(host)
        List<PciAddress> nics = step.devices*.address
        List<PciAddress> mine = record.recorded(nics)
        List<PciAddress> others = nics - mine
        String left = others ? "${others.join(', ')}: no ATS change of passthru's to give back (none in " +
                "${AtsRecord.PATH}), left as it is" : null
        boolean mlxconfig = host.facts.read(PrepFacts.MLXCONFIG)
        if (!mine) return pending(host, others, mlxconfig, left)
        if (!mlxconfig) {
            return Change.of(mine.collect { "- ${AtsRecord.PATH}: ${it}".toString() }, [new FailAction(
                    "${noMlxconfig(mine)}: install MFT, or run ${mine.collect { record.restore(it) }.join('; ')} " +
                            'elsewhere and reboot') as Action])
        }
        PcieTree tree = host.pcieTree()
        List<String> diff = []
        List<Action> actions = []
        mine.each { PciAddress a ->
            String was = record.was[a]
            boolean on = PrepOutput.atsOn(was)
            if (host.facts.read(PrepFacts.atsSetting(a)) != was) {
                actions << (Action) new HostCommand(record.restore(a))
            }
            if (tree.get(a)?.atsEnabled != on) {
                diff << "- ${a} ATSCtl: ${enable(!on)}".toString()
                diff << "+ ${a} ATSCtl: ${enable(on)} (ATS_ENABLED ${was}, its value before passthru)".toString()
            }
            diff << "- ${AtsRecord.PATH}: ${a} ATS_ENABLED ${was}".toString()
        }
        actions.addAll(AtsRecords.keep(host, record.without(mine)))
        FailAction refused = RunningUsers.refusal(host, mine, 'giving back their firmware ATS setting', 'those NICs')
        if (refused) return Change.of(diff, [refused] as List<Action>)
        String note = ['takes effect after a host reboot', left].findAll().join('; ')
        Change.of(diff, actions, note).needingReboot()
    }

    /**
     * With nothing recorded: a NIC whose firmware has a next-boot ATS that its ATSCtl does not show yet waits for the
     * reboot (noAts set it; the check after the reboot is this one), else all is as it should be.
     */
    private static Change pending(KvmHost host, List<PciAddress> nics, boolean mlxconfig, String left) {
        if (!mlxconfig) return Change.ok(left)
        PcieTree tree = host.pcieTree()
        List<PciAddress> waiting = nics.findAll { PciAddress a ->
            PcieFunction f = tree.get(a)
            String next = f?.hasAts() ? host.facts.read(PrepFacts.atsSettingIfAny(a)) : null
            next != null && PrepOutput.atsOn(next) != f.atsEnabled
        }
        if (!waiting) return Change.ok(left)
        Change.pendingReboot(waiting.collect { PciAddress a ->
            "ATS_ENABLED is ${tree.get(a).atsEnabled ? PrepOutput.ATS_FALSE : PrepOutput.ATS_TRUE} for the next boot " +
                    "of ${a} (mlxconfig) while lspci shows ATSCtl: ${enable(tree.get(a).atsEnabled)}"
        }.join('; ') + ': reboot the host')
    }

    /** Why noAts cannot give {@code nics} their setting back on a host without mlxconfig (preflight says it too). */
    static String noMlxconfig(List<PciAddress> nics) {
        "noAts needs mlxconfig (NVIDIA Firmware Tools, MFT) to give ${nics.join(', ')} their ATS setting back, " +
                'which this host does not have'
    }

    private static String enable(boolean on) { on ? 'Enable+' : 'Enable-' }
}
