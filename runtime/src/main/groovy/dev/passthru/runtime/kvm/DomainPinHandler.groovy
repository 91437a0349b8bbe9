package dev.passthru.runtime.kvm

import dev.passthru.dsl.CpuSet
import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** pinVcpus: vcpupin per vCPU on the host's real SMT siblings, emulatorpin, and the guest topology to match. */
@CompileStatic
class DomainPinHandler extends DomainHandler {
    private final CpuSet cpus
    private final CpuSet emulator
    /** True when {@link #cpus} is a pool (a NUMA node's CPUs) to pick the VM's vCPU count from. */
    private final boolean pool
    private Pinning wanted

    DomainPinHandler(KvmHost host, String vm, CpuSet cpus, CpuSet emulator, boolean pool = false) {
        super(host, vm)
        this.cpus = cpus
        this.emulator = emulator
        this.pool = pool
    }

    Check check() {
        read()
        int vcpus = DomainXml.vcpus(xml)
        CpuSet chosen = pool ? CpuPlacement.pick(host.cpus(), cpus, vcpus, vm) : cpus
        wanted = CpuPlacement.place(host.cpus(), chosen, emulator, vcpus, vm)
        Pinning now = DomainXml.pinning(xml)
        now == wanted ? Check.ok() : changed(["- ${now.describe()}".toString(), "+ ${wanted.describe()}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withPinning(xml, wanted)) }
}
