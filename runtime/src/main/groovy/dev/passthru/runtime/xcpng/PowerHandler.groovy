package dev.passthru.runtime.xcpng

import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/** start / stop: bring the VM to a power state, doing nothing when it is there. */
@CompileStatic
class PowerHandler implements StepHandler {
    private final XcpngHost host
    private final String vm
    private final String wanted
    private final String from

    PowerHandler(XcpngHost host, String vm, boolean start) {
        this.host = host
        this.vm = vm
        this.wanted = start ? 'running' : 'halted'
        this.from = start ? 'halted' : 'running'
    }

    Check check() {
        String state = host.powerState(host.vmUuid(vm))
        if (state == wanted) return Check.ok()
        if (state != from) {
            throw new StepFailedException("VM '${vm}' is ${state}; passthru moves a VM only from ${from} to " +
                    "${wanted} (resume or shut it down first)")
        }
        Check.change(["- power-state=${state}".toString(), "+ power-state=${wanted}".toString()])
    }

    void apply(Check before) {
        String uuid = host.vmUuid(vm)
        wanted == 'running' ? host.start(uuid) : host.shutdown(uuid)
    }
}
