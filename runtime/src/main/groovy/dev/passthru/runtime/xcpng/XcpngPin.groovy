package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * pinVcpus on XCP-ng: set VCPUs-params:mask to exactly these host CPUs (read at the VM's next start) and, when the
 * VM runs, pin its vCPUs live with {@code xl vcpu-pin DOMID all CPUS} (lost when the domain goes). On a Xen host
 * without XAPI only the live pin of a running xl domain.
 */
@CompileStatic
final class XcpngPin implements Operation<PinVcpusStep, XcpngHost> {
    static final String LIVE_ONLY = 'live only: a Xen host without XAPI keeps no VM configuration passthru edits; ' +
            'the pin is lost when the domain is destroyed'

    Change plan(PinVcpusStep step, XcpngHost host) {
        List<String> diff = []
        List<Action> actions = []
        if (host.hasXapi()) {
            String uuid = host.vmUuid(step.vm)
            List<Integer> current = host.maskOf(uuid)
            if (CpuSet.of(current) != step.cpus) {
                // listed one by one only here, after preflight has checked the CPUs against the host's
                diff << "- VCPUs-params:mask=${current ? current.join(',') : '(not set)'}".toString()
                diff << "+ VCPUs-params:mask=${step.cpus.toSortedSet().join(',')}".toString()
                actions << (new HostCommand(XcpngCommands.setMask(uuid, step.cpus.toSortedSet())) as Action)
            }
        }
        XlDomains domains = new XlDomains(host)
        Integer domid = domains.domid(step.vm)
        if (domid == null && !host.hasXapi()) {
            throw new StepFailedException("VM '${step.vm}' is not a running xl domain (xl list --numa does not list " +
                    "it); on a Xen host without XAPI pinVcpus pins a running domain, live only")
        }
        if (domid != null) live(step.cpus, domid, domains, diff, actions)
        if (!diff) return Change.ok()
        Change.of(diff, actions, host.hasXapi() ? null : LIVE_ONLY)
    }

    /** The live pin's diff and command when some vCPU's hard affinity is not exactly {@code cpus}. */
    private static void live(CpuSet cpus, int domid, XlDomains domains, List<String> diff, List<Action> actions) {
        CpuSet all = domains.nodeCpus().values().inject(CpuSet.EMPTY) { CpuSet a, CpuSet b -> a.plus(b) } as CpuSet
        List<XlVcpu> vcpus = domains.vcpus(domid)
        List<XlVcpu> off = vcpus.findAll { XlVcpu v -> (v.hard ?: all) != cpus }
        if (!off) return
        diff << "- vCPU affinity now (xl vcpu-list): ${off.collect { "${it.vcpu}: ${it.hardText()}" }.join(', ')}"
                .toString()
        diff << "+ vCPU affinity now: ${cpus} (xl vcpu-pin, until the domain goes)".toString()
        actions << (new HostCommand(XlNumaCommands.vcpuPin(domid, cpus.toString())) as Action)
    }
}
