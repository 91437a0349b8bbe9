package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * The demo XCP-ng host's runtime Xen state, which no twin file keeps: running VMs' domain ids, their live vCPU
 * affinities (null: all) and cpupools. A host boot resets it; a VM's shutdown drops its domain (its next start
 * builds a new one, pinned from VCPUs-params:mask).
 */
@CompileStatic
class DemoXlState {
    /** Domain id by VM uuid, for VMs whose domain exists. */
    final Map<String, Integer> domids = new LinkedHashMap<>()
    /** Each domain's vCPU hard affinities by VM uuid (null entries: all). */
    final Map<String, List<SortedSet<Integer>>> hard = [:]
    /** Each domain's cpupool by VM uuid (absent: the first pool). */
    final Map<String, String> poolOf = [:]
    /** The cpupools and their CPUs after a split (empty: the one Pool-0 with every CPU). */
    final Map<String, SortedSet<Integer>> pools = new LinkedHashMap<>()
    /** dom0's online vCPUs after a split (null: all of them). */
    Integer dom0Online
    int nextDomid = 1

    /** A host boot: no domains, no pools. */
    void reset() {
        [domids, hard, poolOf, pools]*.clear()
        dom0Online = null
    }

    /** A VM's domain went (shutdown): its live pins and pool go with it. */
    void gone(String uuid) {
        domids.remove(uuid)
        hard.remove(uuid)
        poolOf.remove(uuid)
    }
}
