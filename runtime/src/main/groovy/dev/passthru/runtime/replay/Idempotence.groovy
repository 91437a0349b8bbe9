package dev.passthru.runtime.replay

import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import groovy.transform.CompileStatic

/**
 * The idempotence check of a replay whose run found the host in sync (every step ok, as on a second run): it must
 * have issued no write command. Runs that changed something are not judged by it.
 */
@CompileStatic
final class Idempotence {
    private Idempotence() {}

    /** True when every step of the replayed run was ok: the tape's run ended in sync, so the check applies. */
    static boolean applies(Replayed r) {
        !r.result.steps.isEmpty() && r.result.steps.every { StepResult s -> s.status == StepStatus.OK }
    }

    /** What breaks idempotence, one line per write issued on an in-sync run; empty when it holds or does not apply. */
    static List<String> problems(Replayed r) {
        if (!applies(r)) return []
        r.verdict.writes.collect { String c ->
            "idempotence: every step was ok, yet the run wrote `${c}` (a run on a host in sync must write nothing)"
                    .toString()
        }
    }
}
