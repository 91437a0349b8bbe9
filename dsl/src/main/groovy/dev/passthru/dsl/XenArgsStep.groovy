package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * Xen's own boot options and dom0's kernel arguments to set and delete (Xen hosts), through the host's boot-entry
 * editor (XCP-ng's xen-cmdline); they take effect after a reboot.
 */
@CompileStatic
final class XenArgsStep extends Step {
    /** Xen options to have ({@code key=value} or a bare flag), in the recipe's order. */
    final List<String> xenAdd
    /** Xen option keys to delete. */
    final List<String> xenRemove
    /** dom0 kernel arguments to have. */
    final List<String> dom0Add
    /** dom0 kernel argument keys to delete. */
    final List<String> dom0Remove

    XenArgsStep(List<String> xenAdd, List<String> xenRemove, List<String> dom0Add, List<String> dom0Remove,
            SourceLocation location) {
        super(location)
        this.xenAdd = List.copyOf(xenAdd)
        this.xenRemove = List.copyOf(xenRemove)
        this.dom0Add = List.copyOf(dom0Add)
        this.dom0Remove = List.copyOf(dom0Remove)
    }

    String describe() {
        List<String> parts = xenAdd.collect { "+${it}".toString() } + xenRemove.collect { "-${it}".toString() } +
                dom0Add.collect { "+dom0:${it}".toString() } + dom0Remove.collect { "-dom0:${it}".toString() }
        "xen args ${parts.join(' ')}"
    }
}
