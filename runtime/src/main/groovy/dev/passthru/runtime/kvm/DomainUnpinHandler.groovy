package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** unpinVcpus: drop vcpupin, emulatorpin and the guest topology. */
@CompileStatic
class DomainUnpinHandler extends DomainHandler {
    DomainUnpinHandler(KvmHost host, String vm) { super(host, vm) }

    Check check() {
        Pinning now = DomainXml.pinning(read())
        now.isEmpty() ? Check.ok() : changed(["- ${now.describe()}".toString(), '+ (not pinned)'])
    }

    void apply(Check before) { host.define(DomainXml.withoutPinning(xml)) }
}
