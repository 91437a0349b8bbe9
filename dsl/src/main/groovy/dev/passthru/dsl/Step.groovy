package dev.passthru.dsl

import groovy.transform.CompileStatic

/** One thing a recipe asks of a host. Immutable; says nothing about how a flavour does it. */
@CompileStatic
abstract class Step {
    final SourceLocation location

    protected Step(SourceLocation location) {
        this.location = location
    }

    /** A short human description, e.g. {@code hide 0000:04:01.0}. */
    abstract String describe()

    @Override
    String toString() { describe() }

    protected static String list(List<Device> devices) { devices*.toString().join(', ') }
}
