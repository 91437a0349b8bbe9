package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** pinVcpus on XCP-ng: set VCPUs-params:mask to exactly these host CPUs. */
@CompileStatic
final class XcpngPin implements Operation<PinVcpusStep, XcpngHost> {
    Change plan(PinVcpusStep step, XcpngHost host) {
        String uuid = host.vmUuid(step.vm)
        List<Integer> current = host.maskOf(uuid)
        if (CpuSet.of(current) == step.cpus) return Change.ok()
        // listed one by one only here, after preflight has checked the CPUs against the host's
        host.vmChange(step.vm, ["- VCPUs-params:mask=${current ? current.join(',') : '(not set)'}".toString(),
                                "+ VCPUs-params:mask=${step.cpus.toSortedSet().join(',')}".toString()],
                new HostCommand(XcpngCommands.setMask(uuid, step.cpus.toSortedSet())), 'the new vCPU mask')
    }
}
