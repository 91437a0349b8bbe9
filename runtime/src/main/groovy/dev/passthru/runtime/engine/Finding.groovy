package dev.passthru.runtime.engine

import dev.passthru.dsl.SourceLocation
import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/**
 * What preflight found: how bad it is, where in the recipe and which step, what is wrong, the evidence
 * (the command and the line of its output it rests on) and the fix. An ERROR stops the run before any
 * change; a WARNING is shown and the run goes on.
 */
@CompileStatic
final class Finding {
    static enum Severity { ERROR, WARNING }

    final Severity severity
    final SourceLocation location
    final Step step
    final String message
    /**
     * The command and the output line this rests on, e.g. {@code xl info: virt_caps : pv hvm hap}; null when not one
     * line.
     */
    final String evidence
    /** What to do about it; null when the message says it. */
    final String fix

    Finding(Step step, String message, SourceLocation location = step?.location) {
        this(Severity.ERROR, step, message, null, null, location)
    }

    Finding(Severity severity, Step step, String message, String evidence, String fix,
            SourceLocation location = step?.location) {
        this.severity = severity
        this.step = step
        this.message = message
        this.evidence = evidence
        this.fix = fix
        this.location = location
    }

    static Finding error(Step step, String message, String evidence, String fix) {
        new Finding(Severity.ERROR, step, message, evidence, fix)
    }

    static Finding warning(Step step, String message, String evidence, String fix) {
        new Finding(Severity.WARNING, step, message, evidence, fix)
    }

    /** The same finding at another recipe line (a selector's, rather than the step's). */
    Finding at(dev.passthru.dsl.SourceLocation where) { new Finding(severity, step, message, evidence, fix, where) }

    boolean isError() { severity == Severity.ERROR }

    @Override
    String toString() { "${location}: step '${step?.describe()}': ${message}" }
}
