package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.NumaSplitStep
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/**
 * numaSplit on Xen: {@code xl cpupool-numa-split} when the host has its one cpupool, nothing when the pools already
 * are one {@code Pool-nodeN} per node (xl cpupool-list, -c); other pools are refused, as xl refuses them.
 */
@CompileStatic
final class XcpngNumaSplit implements Operation<NumaSplitStep, XcpngHost> {
    /** What the plan says of every split. */
    static final String RUNTIME_ONLY = 'runtime only: Xen forgets cpupools at the host\'s next boot (XCP-ng does ' +
            'not recreate them); the split also resets live vCPU pins, so pin after it'

    Change plan(NumaSplitStep step, XcpngHost host) {
        XlDomains domains = new XlDomains(host)
        SortedMap<Integer, CpuSet> nodes = domains.nodeCpus()
        if (nodes.size() == 1) return Change.ok('one NUMA node: nothing to split')
        Map<String, CpuSet> wanted = nodes.collectEntries { Integer n, CpuSet c -> ["Pool-node${n}".toString(), c] }
        List<XlCpupool> pools = domains.cpupools()
        Map<String, CpuSet> now = pools.collectEntries { XlCpupool p -> [p.name, p.cpus] }
        if (now == wanted) return Change.ok()
        if (pools.size() != 1) {
            throw new StepFailedException("other cpupools are in use (xl cpupool-list -c: ${pools.join('; ')}); " +
                    'xl cpupool-numa-split only splits a host with one cpupool')
        }
        List<String> diff = ["- cpupool ${pools[0].name}: CPUs ${pools[0].cpus}".toString()]
        wanted.each { String name, CpuSet c -> diff << "+ cpupool ${name}: CPUs ${c}".toString() }
        Change.of(diff, [new HostCommand(XlNumaCommands.numaSplit())], RUNTIME_ONLY)
    }
}
