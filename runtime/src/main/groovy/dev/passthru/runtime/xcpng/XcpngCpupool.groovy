package dev.passthru.runtime.xcpng

import dev.passthru.dsl.CpupoolStep
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.operation.Operation
import groovy.transform.CompileStatic

/** cpupool on Xen: {@code xl cpupool-migrate DOMID POOL} for a running VM not in that pool yet (xl list -c). */
@CompileStatic
final class XcpngCpupool implements Operation<CpupoolStep, XcpngHost> {
    /** What the plan says of every move. */
    static final String RUNTIME_ONLY = 'runtime only: the VM starts in the default cpupool again at its next start; ' +
            'the move resets its live vCPU pins, so pin after it'

    Change plan(CpupoolStep step, XcpngHost host) {
        XlDomains domains = new XlDomains(host)
        int domid = domains.running(step.vm)
        String now = domains.poolOf(domid)
        if (now == step.pool) return Change.ok()
        boolean exists = domains.cpupools().any { XlCpupool p -> p.name == step.pool }
        String note = exists ? RUNTIME_ONLY : "cpupool '${step.pool}' does not exist yet (numaSplit() makes the " +
                "Pool-nodeN pools); ${RUNTIME_ONLY}"
        Change.of(["- cpupool: ${now}".toString(), "+ cpupool: ${step.pool}".toString()],
                [new HostCommand(XlNumaCommands.cpupoolMigrate(domid, step.pool))], note)
    }
}
