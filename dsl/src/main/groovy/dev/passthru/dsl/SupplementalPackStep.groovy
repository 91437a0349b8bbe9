package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Install a supplemental pack ISO on the host (XCP-ng/XenServer), once; it takes effect after a reboot. */
@CompileStatic
final class SupplementalPackStep extends Step {
    /** The ISO's path on the host. */
    final String iso
    /** The pack's name-label as XAPI lists the installed update. */
    final String label

    SupplementalPackStep(String iso, String label, SourceLocation location) {
        super(location)
        this.iso = iso
        this.label = label
    }

    String describe() { "supplemental pack '${label}' (${iso})" }
}
