package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Finds the recipe line that is calling into the DSL right now, from the current stack. */
@CompileStatic
final class Locator {
    /** The recipe file as the user named it (shown in messages). */
    final String shownName
    /** The file name the compiled script's stack frames carry. */
    private final String frameName

    Locator(String shownName, String frameName) {
        this.shownName = shownName
        this.frameName = frameName
    }

    /** The innermost recipe line on the current stack. */
    SourceLocation here() { in(new Throwable()) }

    /** The innermost recipe line in a throwable's stack (0 when none is there). */
    SourceLocation in(Throwable t) {
        for (Throwable c = t; c != null; c = c.cause) {
            StackTraceElement frame = c.stackTrace.find { StackTraceElement e ->
                e.fileName == frameName && e.lineNumber > 0
            }
            if (frame) return new SourceLocation(shownName, frame.lineNumber)
        }
        new SourceLocation(shownName, 0)
    }

    /** A RecipeException at the calling recipe line. */
    RecipeException error(String message) { new RecipeException(here(), message) }
}
