package dev.passthru.dsl

import groovy.transform.CompileStatic

/** A step about one VM, found by its name. */
@CompileStatic
abstract class VmStep extends Step {
    final String vm
    protected VmStep(String vm, SourceLocation location) { super(location); this.vm = vm }
    protected String vmLabel() { "VM '${vm}'" }
}
