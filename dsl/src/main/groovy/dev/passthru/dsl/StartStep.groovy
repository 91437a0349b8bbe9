package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Start a VM unless it is running. */
@CompileStatic
final class StartStep extends VmStep {
    StartStep(String vm, SourceLocation location) { super(vm, location) }
    String describe() { "start ${vmLabel()}" }
}
