package dev.passthru.spock

import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import groovy.transform.CompileStatic

/** How one step of a run ended, for assertions: {@code run.step('hide 0000:04:01.0').changed}. */
@CompileStatic
final class StepView {
    final StepResult result

    StepView(StepResult result) { this.result = result }

    boolean isChanged() { result.status == StepStatus.CHANGED }

    boolean isOk() { result.status == StepStatus.OK }

    boolean isFailed() { result.status == StepStatus.FAILED }

    boolean isPending() { result.status == StepStatus.PENDING }

    /** The status as the console shows it: ok, changed, would change, pending, FAILED, INTERRUPTED, skipped. */
    String getStatus() { result.status.label }

    /** The difference the step made (or would make), one line each. */
    List<String> getDiff() { result.diff }

    /** The step's note or error. */
    String getMessage() { result.message }

    String toString() { "${result.step.describe()}: ${status}".toString() }
}
