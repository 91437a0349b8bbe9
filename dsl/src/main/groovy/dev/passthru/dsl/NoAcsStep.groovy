package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Gives every bridge passthru set ACS control on its old value back, and stops setting it at boot. */
@CompileStatic
final class NoAcsStep extends Step {
    NoAcsStep(SourceLocation location) { super(location) }

    String describe() { 'restore the ACS control values passthru replaced' }
}
