package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A mistake in a recipe: reported to the user as one line, prefixed with the recipe file and line,
 * never as a stack trace.
 */
@CompileStatic
class RecipeException extends RuntimeException {
    final SourceLocation location

    RecipeException(SourceLocation location, String message) {
        super(message)
        this.location = location
    }

    /** The one line the user sees: {@code file:line: message}. */
    String userMessage() { location ? "${location}: ${message}" : message }
}
