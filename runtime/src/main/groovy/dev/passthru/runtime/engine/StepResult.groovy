package dev.passthru.runtime.engine

import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/** The outcome of one step: status, the difference it made (or would), a note or error, and how long it took. */
@CompileStatic
final class StepResult {
    final int index
    final Step step
    final StepStatus status
    final List<String> diff
    final String message
    final long millis
    /** In a plan, the commands apply would run for this step (empty otherwise). */
    final List<PlannedCommand> commands

    StepResult(int index, Step step, StepStatus status, List<String> diff, String message, long millis) {
        this(index, step, status, diff, message, millis, [])
    }

    StepResult(int index, Step step, StepStatus status, List<String> diff, String message, long millis,
               List<PlannedCommand> commands) {
        this.commands = List.copyOf(commands)
        this.index = index
        this.step = step
        this.status = status
        this.diff = List.copyOf(diff)
        this.message = message
        this.millis = millis
    }
}
