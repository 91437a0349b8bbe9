package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** numaMemory / noNumaMemory: {@code <numatune><memory mode='strict' nodeset='N'/>}, or none. */
@CompileStatic
class DomainNumaHandler extends DomainHandler {
    private final Integer node

    DomainNumaHandler(KvmHost host, String vm, Integer node) { super(host, vm); this.node = node }

    Check check() {
        String now = DomainXml.numaMemory(read())
        String want = node == null ? null : "strict:${node}".toString()
        now == want ? Check.ok() : changed(["- numatune memory ${now ?: '(none)'}".toString(),
                "+ numatune memory ${want ?: '(none)'}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withNumaMemory(xml, node)) }
}
