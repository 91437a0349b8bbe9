package dev.passthru.runtime.operation

import dev.passthru.runtime.engine.PlannedCommand
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.facts.Fact
import groovy.transform.CompileStatic

import java.util.function.Predicate

/**
 * Polls a fact, read fresh each time, until it shows what an earlier command asked the host to do (a guest shutting
 * down); fails with {@code failure} after {@code timeoutMs}.
 */
@CompileStatic
final class WaitUntil<T> implements Action {
    final Fact<T> fact
    final Predicate<T> done
    /** What the fact shows when done, for the plan ("shut off"). */
    final String shows
    final long timeoutMs
    final long pollMs
    final String failure

    WaitUntil(Fact<T> fact, Predicate<T> done, String shows, long timeoutMs, long pollMs, String failure) {
        this.fact = fact
        this.done = done
        this.shows = shows
        this.timeoutMs = timeoutMs
        this.pollMs = pollMs
        this.failure = failure
    }

    PlannedCommand planned() { PlannedCommand.note("then waits until `${fact.command()}` shows ${shows}") }

    void run(ActionContext context) {
        for (long waited = 0; waited <= timeoutMs; waited += pollMs) {
            if (done.test(context.facts.fresh(fact))) return
            context.pause.pause(pollMs)
        }
        throw new StepFailedException(failure)
    }
}
