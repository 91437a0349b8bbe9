package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.VcpusOnNodeStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** verify vcpusOnNode on Xen: each vCPU's hard affinity (xl vcpu-list) within the node's CPUs. Verifies only. */
@CompileStatic
final class XcpngVcpusOnNode implements Operation<VcpusOnNodeStep, XcpngHost> {
    Change plan(VcpusOnNodeStep step, XcpngHost host) {
        XlDomains domains = new XlDomains(host)
        SortedMap<Integer, CpuSet> nodes = domains.nodeCpus()
        CpuSet node = nodes[step.node]
        if (node == null) {
            throw new StepFailedException("no NUMA node ${step.node} on this host (xl info -n: nodes " +
                    "${nodes.keySet().join(', ')})")
        }
        CpuSet all = nodes.values().inject(CpuSet.EMPTY) { CpuSet a, CpuSet b -> a.plus(b) } as CpuSet
        List<XlVcpu> off = domains.vcpus(domains.running(step.vm)).findAll { XlVcpu v ->
            !(v.hard ?: all).minus(node).isEmpty()
        }
        if (!off) return Change.ok()
        String listed = off.collect { XlVcpu v -> "vCPU ${v.vcpu}: ${v.hardText()}" }.join(', ')
        Change.of(["- vCPU affinity: ${listed}".toString(), "+ vCPU affinity within node ${step.node}: ${node}"
                .toString()], [new FailAction("VM '${step.vm}' may run vCPUs outside NUMA node ${step.node}'s CPUs " +
                "${node} (xl vcpu-list: ${listed}); pin them with pinVcpus")])
    }
}
