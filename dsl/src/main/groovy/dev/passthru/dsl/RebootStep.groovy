package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Reboot the host, but only when an earlier step left a change that needs one. */
@CompileStatic
final class RebootStep extends Step {
    RebootStep(SourceLocation location) { super(location) }
    String describe() { 'reboot (if needed)' }
}
