package dev.passthru.runtime.xcpng

import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/** A step on one VM's configuration; notes when the VM runs, since XAPI reads pci and mask at VM start. */
@CompileStatic
abstract class VmConfigHandler implements StepHandler {
    protected final XcpngHost host
    protected final String vm

    VmConfigHandler(XcpngHost host, String vm) { this.host = host; this.vm = vm }

    protected String uuid() { host.vmUuid(vm) }

    protected Check changed(List<String> diff, String what) {
        String note = host.powerState(uuid()) == 'running'
                ? "VM '${vm}' is running: restart it for the new ${what} to take effect".toString() : null
        Check.change(diff, note)
    }
}
