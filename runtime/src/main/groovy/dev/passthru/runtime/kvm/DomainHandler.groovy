package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.Check
import dev.passthru.runtime.engine.StepHandler
import groovy.transform.CompileStatic

/**
 * A step on one libvirt domain's persistent configuration; notes when the VM runs, since the change applies at its next
 * start.
 */
@CompileStatic
abstract class DomainHandler implements StepHandler {
    protected final KvmHost host
    protected final String vm
    protected String xml

    DomainHandler(KvmHost host, String vm) { this.host = host; this.vm = vm }

    protected String read() { xml = host.domainXml(vm); xml }

    protected Check changed(List<String> diff) {
        String note = host.state(vm) == 'running'
                ? ("VM '${vm}' is running: the change is in its persistent configuration; " +
                        'restart it to take effect').toString()
                : null
        Check.change(diff, note)
    }
}
