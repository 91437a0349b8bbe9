package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** hugepages / noHugepages: {@code <memoryBacking><hugepages/>}. */
@CompileStatic
class DomainHugepagesHandler extends DomainHandler {
    private final boolean on

    DomainHugepagesHandler(KvmHost host, String vm, boolean on) { super(host, vm); this.on = on }

    Check check() {
        boolean now = DomainXml.hugepages(read())
        now == on ? Check.ok() : changed(["- memoryBacking hugepages ${now ? 'on' : 'off'}".toString(),
                "+ memoryBacking hugepages ${on ? 'on' : 'off'}".toString()])
    }

    void apply(Check before) { host.define(DomainXml.withHugepages(xml, on)) }
}
