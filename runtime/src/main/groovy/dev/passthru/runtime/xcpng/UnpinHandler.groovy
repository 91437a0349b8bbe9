package dev.passthru.runtime.xcpng

import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** unpinVcpus: remove VCPUs-params:mask, so the VM's vCPUs may run on any host CPU. */
@CompileStatic
class UnpinHandler extends VmConfigHandler {
    UnpinHandler(XcpngHost host, String vm) { super(host, vm) }

    Check check() {
        List<Integer> current = host.maskOf(uuid())
        current ? changed(["- VCPUs-params:mask=${current.join(',')}".toString(), '+ VCPUs-params:mask=(not set)'],
                'vCPU mask') : Check.ok()
    }

    void apply(Check before) { host.removeMask(uuid()) }
}
