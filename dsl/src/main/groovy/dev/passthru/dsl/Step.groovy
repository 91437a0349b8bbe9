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

    /** True when nothing in the step is left for preflight to resolve (device selectors, a NUMA node's CPUs). */
    boolean resolved() { true }

    /** The devices the host must have for this step (preflight reports each it lacks); none by default. */
    List<Device> requiredDevices() { [] }

    @Override
    String toString() { describe() }

    protected static String list(List<Device> devices) { devices*.toString().join(', ') }
}
