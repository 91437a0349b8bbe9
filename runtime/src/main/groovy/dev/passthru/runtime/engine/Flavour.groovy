package dev.passthru.runtime.engine

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import groovy.transform.CompileStatic

/** A kind of host (XCP-ng, KVM): how each step is checked and done there, and what is checked before any change. */
@CompileStatic
interface Flavour {
    /** The flavour's name as tapes and messages give it, e.g. {@code xcpng}. */
    String name()

    /**
     * Read-only checks of the whole recipe against the host, before anything changes: selectors resolved
     * to this host's devices, and findings (no ERROR among them means go).
     */
    Preflight preflight(Recipe recipe) throws Exception

    /** The step's change on this host now (read through the run's facts); StepFailedException when it cannot tell. */
    Change plan(Step step) throws Exception

    /** What the engine runs a change's actions with. */
    ActionContext actions()

    /** What the host is, read only: devices, CPUs, IOMMU, command line, VMs (`passthru facts`). */
    Map<String, Object> facts() throws Exception
}
