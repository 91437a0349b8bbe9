package dev.passthru.runtime.xcpng

import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import groovy.transform.CompileStatic

/** Preflight on a Xen host without XAPI: a VM a recipe names must be a running xl domain (xl list --numa). */
@CompileStatic
final class XlDomainCheck {
    private XlDomainCheck() {}

    /** The finding for a VM no running xl domain is named after, or null when one is. */
    static Finding missing(XcpngHost host, Step step, String vm) {
        List<XlDomainNuma> domains = host.facts.read(XlNumaFacts.DOMAINS)
        if (domains.any { XlDomainNuma d -> d.name == vm }) return null
        List<String> names = domains.findAll { XlDomainNuma d -> d.domid != 0 }*.name
        new Finding(step, "no running xl domain is named '${vm}' (xl list --numa: " +
                "${names ? names.join(', ') : 'no domain but Domain-0'}); on a Xen host without XAPI a VM is a " +
                'running xl domain')
    }
}
