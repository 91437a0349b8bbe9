package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Shut a VM down unless it is halted. */
@CompileStatic
final class StopStep extends VmStep {
    StopStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "stop ${vmLabel()}" }
}
