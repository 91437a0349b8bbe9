package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/**
 * start / stop: bring the domain to running or shut off. virsh shutdown only asks the guest (ACPI), so
 * stop then polls virsh domstate until the domain is shut off, up to a timeout.
 */
@CompileStatic
class DomainPowerHandler implements StepHandler {
    static final long STOP_POLL_MS = 2_000L
    private final KvmHost host
    private final String vm
    private final boolean start
    private final Rebooter.Pause pause
    private final long stopTimeoutMs

    DomainPowerHandler(KvmHost host, String vm, boolean start, Rebooter.Pause pause, long stopTimeoutMs) {
        this.host = host
        this.vm = vm
        this.start = start
        this.pause = pause
        this.stopTimeoutMs = stopTimeoutMs
    }

    Check check() {
        String wanted = start ? 'running' : 'shut off'
        String from = start ? 'shut off' : 'running'
        String state = host.state(vm)
        if (state == wanted) return Check.ok()
        if (state != from) {
            throw new StepFailedException("VM '${vm}' is ${state}; passthru moves a VM only from ${from} to " +
                    "${wanted} (resume or shut it down first)")
        }
        Check.change(["- state ${state}".toString(), "+ state ${wanted}".toString()])
    }

    void apply(Check before) {
        if (start) { host.start(vm); return }
        host.shutdown(vm)
        for (long waited = 0; waited <= stopTimeoutMs; waited += STOP_POLL_MS) {
            if (host.state(vm) == 'shut off') return
            pause.pause(STOP_POLL_MS)
        }
        throw new StepFailedException("VM '${vm}' did not shut down within ${stopTimeoutMs.intdiv(1000)}s of virsh " +
                "shutdown (does the guest handle ACPI power button events?)")
    }
}
