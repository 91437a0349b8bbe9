package dev.passthru.runtime.replay

import groovy.transform.CompileStatic

/** How one recipe x tape pair of `passthru test` went: pass, fail (with the verdict's lines) or skipped (why). */
@CompileStatic
final class PairResult {
    final File recipe
    final File tape
    /** pass, FAIL or skipped. */
    final String outcome
    final int steps
    final int commands
    final long millis
    /** The failure's lines (the verdict's, the idempotence check's), or the reason it was skipped. */
    final List<String> lines
    /** Whether the idempotence check applied (the tape's run ended in sync). */
    final boolean idempotenceChecked

    PairResult(File recipe, File tape, String outcome, int steps, int commands, long millis, List<String> lines,
            boolean idempotenceChecked) {
        this.recipe = recipe
        this.tape = tape
        this.outcome = outcome
        this.steps = steps
        this.commands = commands
        this.millis = millis
        this.lines = List.copyOf(lines)
        this.idempotenceChecked = idempotenceChecked
    }

    boolean isFailed() { outcome == 'FAIL' }

    boolean isSkipped() { outcome == 'skipped' }
}
