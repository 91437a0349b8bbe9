package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** pinVcpus: set VCPUs-params:mask to exactly these host CPUs. */
@CompileStatic
class PinHandler extends VmConfigHandler {
    private final CpuSet cpus

    PinHandler(XcpngHost host, String vm, CpuSet cpus) { super(host, vm); this.cpus = cpus }

    Check check() {
        List<Integer> current = host.maskOf(uuid())
        if (CpuSet.of(current) == cpus) return Check.ok()
        // listed one by one only here, after preflight has checked the CPUs against the host's
        changed(["- VCPUs-params:mask=${current ? current.join(',') : '(not set)'}".toString(),
                "+ VCPUs-params:mask=${cpus.toSortedSet().join(',')}".toString()], 'vCPU mask')
    }

    void apply(Check before) { host.setMask(uuid(), cpus.toSortedSet()) }
}
