package dev.passthru.runtime.kvm.topology

import groovy.transform.CompileStatic

/** A domain XML with a mirrored layout written in, and the plan lines saying what changed (none: nothing did). */
@CompileStatic
final class MirroredDomain {
    final String xml
    final List<String> diff

    MirroredDomain(String xml, List<String> diff) {
        this.xml = xml
        this.diff = List.copyOf(diff)
    }

    boolean changed() { !diff.isEmpty() }
}
