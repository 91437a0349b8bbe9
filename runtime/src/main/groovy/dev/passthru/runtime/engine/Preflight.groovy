package dev.passthru.runtime.engine

import dev.passthru.dsl.Recipe
import groovy.transform.CompileStatic

/** What preflight returns: the recipe with its selectors resolved to addresses, and its findings. */
@CompileStatic
final class Preflight {
    /** The recipe as it will run on this host (every selector an address, every numaNodeOf a CPU list). */
    final Recipe recipe
    final List<Finding> findings

    Preflight(Recipe recipe, List<Finding> findings) {
        this.recipe = recipe
        this.findings = List.copyOf(findings)
    }

    List<Finding> errors() { findings.findAll { Finding f -> f.error } }

    List<Finding> warnings() { findings.findAll { Finding f -> !f.error } }
}
