package dev.passthru.runtime.xcpng

import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import groovy.transform.CompileStatic

/** What runtime NUMA reads from xl: vCPU affinities, node affinities, cpupools (each until the next write). */
@CompileStatic
final class XlNumaFacts {
    private XlNumaFacts() {}

    /** xl vcpu-list: every domain's vCPUs. */
    static final Fact<List<XlVcpu>> VCPUS = CommandFact.output(XlNumaCommands.vcpuList(),
            { String out -> XlNumaOutput.vcpuList(out) } as CommandFact.Parses<List<XlVcpu>>)

    /** xl list --numa: every domain's node affinity. */
    static final Fact<List<XlDomainNuma>> DOMAINS = CommandFact.output(XlNumaCommands.listNuma(),
            { String out -> XlNumaOutput.listNuma(out) } as CommandFact.Parses<List<XlDomainNuma>>)

    /** xl list -c: every domain's cpupool, by domain id. */
    static final Fact<Map<Integer, String>> POOL_OF = CommandFact.output(XlNumaCommands.listCpupool(),
            { String out -> XlNumaOutput.poolOf(out) } as CommandFact.Parses<Map<Integer, String>>)

    /** xl cpupool-list as printed (joined with {@link #POOL_CPUS} by the host). */
    static final Fact<String> POOL_LIST = CommandFact.output(XlNumaCommands.cpupoolList(),
            { String out -> out } as CommandFact.Parses<String>)

    /** xl cpupool-list -c as printed. */
    static final Fact<String> POOL_CPUS = CommandFact.output(XlNumaCommands.cpupoolCpus(),
            { String out -> out } as CommandFact.Parses<String>)
}
