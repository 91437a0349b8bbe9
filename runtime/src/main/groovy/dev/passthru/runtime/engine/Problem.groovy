package dev.passthru.runtime.engine

import dev.passthru.dsl.SourceLocation
import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/** A preflight finding that stops the run before any change: where in the recipe, which step, what is wrong. */
@CompileStatic
final class Problem {
    final SourceLocation location
    final Step step
    final String message

    Problem(Step step, String message, SourceLocation location = step?.location) {
        this.step = step
        this.message = message
        this.location = location
    }

    @Override
    String toString() { "${location}: step '${step?.describe()}': ${message}" }
}
