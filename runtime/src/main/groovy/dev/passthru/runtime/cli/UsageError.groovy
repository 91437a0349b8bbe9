package dev.passthru.runtime.cli

import groovy.transform.CompileStatic

/** A mistake in how passthru was called or in the recipe: exit 64 with one line, no stack trace. */
@CompileStatic
class UsageError extends RuntimeException {
    UsageError(String message) { super(message) }
}
