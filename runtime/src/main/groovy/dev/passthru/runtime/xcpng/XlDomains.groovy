package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.numa.CpuRow
import groovy.transform.CompileStatic

/**
 * A host's running domains as xl sees them, for runtime NUMA. A VM is found by its domain id: on XCP-ng from XAPI
 * ({@code xe vm-param-get param-name=dom-id}: xenopsd names a domain after the VM's name-label when it builds it,
 * xen-api ocaml/xapi/xapi_xenops.ml and ocaml/xenopsd/xc/domain.ml, which is neither unique nor renamed with the VM);
 * on a Xen host without XAPI by its xl name (xl list --numa).
 */
@CompileStatic
final class XlDomains {
    private final XcpngHost host

    XlDomains(XcpngHost host) { this.host = host }

    /** The running domain of this VM; fails naming what was read when it does not run. */
    int running(String vm) {
        Integer id = domid(vm)
        if (id == null) {
            String how = host.hasXapi() ? 'xe vm-param-get param-name=dom-id: -1' : 'xl list --numa does not list it'
            throw new StepFailedException("VM '${vm}' is not running (${how}); runtime NUMA applies to a running VM")
        }
        id
    }

    /** The domain id of this VM, or null when it does not run. */
    Integer domid(String vm) {
        if (host.hasXapi()) {
            String id = host.facts.read(XcpngFacts.vmParam(host.vmUuid(vm), 'dom-id')).trim()
            return id ==~ /\d+/ && id != '0' ? id as Integer : null
        }
        host.facts.read(XlNumaFacts.DOMAINS).find { XlDomainNuma d -> d.name == vm }?.domid
    }

    /** The vCPUs of a domain, as xl vcpu-list shows them. */
    List<XlVcpu> vcpus(int domid) { host.facts.read(XlNumaFacts.VCPUS).findAll { XlVcpu v -> v.domid == domid } }

    /** A domain's row of xl list --numa. */
    XlDomainNuma numa(int domid) { host.facts.read(XlNumaFacts.DOMAINS).find { XlDomainNuma d -> d.domid == domid } }

    /** The cpupool a domain is in (xl list -c). */
    String poolOf(int domid) { host.facts.read(XlNumaFacts.POOL_OF)[domid] }

    /** The host's cpupools with their CPUs. */
    List<XlCpupool> cpupools() {
        XlNumaOutput.cpupools(host.facts.read(XlNumaFacts.POOL_LIST), host.facts.read(XlNumaFacts.POOL_CPUS))
    }

    /** Each NUMA node's CPUs (xl info -n cpu_topology), by node. */
    SortedMap<Integer, CpuSet> nodeCpus() {
        SortedMap<Integer, CpuSet> out = new TreeMap<>()
        XcpngOutput.cpuTopology(host.xlInfoNuma()).each { CpuRow r ->
            out[r.node] = (out[r.node] ?: CpuSet.EMPTY).plus(CpuSet.range(r.cpu, r.cpu))
        }
        out
    }
}
