package dev.passthru.runtime.replay

import dev.passthru.runtime.engine.RunResult
import groovy.transform.CompileStatic

/** One recipe replayed against one tape: the run's result and the strict verdict on it. */
@CompileStatic
final class Replayed {
    final RunResult result
    final ReplayVerdict verdict

    Replayed(RunResult result, ReplayVerdict verdict) {
        this.result = result
        this.verdict = verdict
    }

    /** Passed strictly: nothing missing, nothing unused (unless allowed), no step failed, no preflight error. */
    boolean isPassed() { verdict.passed }
}
