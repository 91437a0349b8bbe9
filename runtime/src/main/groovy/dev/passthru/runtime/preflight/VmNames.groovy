package dev.passthru.runtime.preflight

import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import groovy.transform.CompileStatic

/** The finding for a VM name that matches no VM, worded alike on every flavour: what was asked, what the host has. */
@CompileStatic
final class VmNames {
    private VmNames() {}

    /**
     * An ERROR at the first step of the VM's block: {@code evidence} is the command that looked (and what it
     * printed), {@code known} the names of the VMs the host has.
     */
    static Finding missing(Step step, String vm, String evidence, Collection<String> known) {
        List<String> names = known.unique(false).sort(false)
        String listed = names.collect { "'${it}'" }.join(', ')
        String fix = names ? "name one of the host's VMs (${listed}), or create '${vm}' first"
                : "the host has no VM: create '${vm}' first"
        Finding.error(step, "no VM is named '${vm}' on this host", evidence, fix)
    }
}
