package dev.passthru.runtime.engine

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
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

    /** The handler for one step; throws StepFailedException for a step this flavour cannot do. */
    StepHandler handler(Step step)

    /** Prints the host's current boot id. */
    String bootIdCommand()

    /** Reboots the host. */
    String rebootCommand()

    /** What the host is, read only: devices, CPUs, IOMMU, command line, VMs (`passthru facts`). */
    Map<String, Object> facts() throws Exception
}
