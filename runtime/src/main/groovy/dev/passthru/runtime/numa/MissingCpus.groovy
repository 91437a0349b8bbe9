package dev.passthru.runtime.numa

import dev.passthru.dsl.CpuSet
import groovy.transform.CompileStatic

/** The one wording of "the recipe names CPUs the host does not have", for preflight findings and step failures. */
@CompileStatic
final class MissingCpus {
    private MissingCpus() {}

    /** {@code CPUs 16-2000000000 do not exist; the host has 0-15}, or null when the host has every CPU asked for. */
    static String message(CpuSet asked, CpuSet host) {
        CpuSet missing = asked.minus(host)
        if (missing.isEmpty()) return null
        boolean one = missing.size() == 1
        "${one ? 'CPU' : 'CPUs'} ${missing} ${one ? 'does' : 'do'} not exist; the host has ${host}".toString()
    }
}
