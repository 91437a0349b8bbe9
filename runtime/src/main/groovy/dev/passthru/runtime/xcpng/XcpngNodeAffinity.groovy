package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.NodeAffinityStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.FailAction
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * verify nodeAffinity on Xen: the domain's NODE Affinity in xl list --numa is exactly the node. Xen derives it from the
 * vCPUs' affinity unless the toolstack fixed it when it built the domain (libxl's NUMA placement does: the Xen lab's
 * node affinity stayed 0 after a live pin to node 1); then the VM's next start, pinned by its mask, sets it.
 */
@CompileStatic
final class XcpngNodeAffinity implements Operation<NodeAffinityStep, XcpngHost> {
    Change plan(NodeAffinityStep step, XcpngHost host) {
        XlDomains domains = new XlDomains(host)
        XlDomainNuma row = domains.numa(domains.running(step.vm))
        if (row.nodes == CpuSet.range(step.node, step.node)) return Change.ok()
        Change.of(["- node affinity: ${row.nodesText()}".toString(), "+ node affinity: ${step.node}".toString()],
                [new FailAction("VM '${step.vm}' has memory node affinity ${row.nodesText()}, not ${step.node} " +
                        '(xl list --numa); when the toolstack fixed it at the domain\'s build, restart the VM after ' +
                        'pinVcpus')])
    }
}
