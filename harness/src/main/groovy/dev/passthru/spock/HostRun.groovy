package dev.passthru.spock

import dev.passthru.dsl.RebootStep
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import groovy.transform.CompileStatic

/**
 * One apply of the feature's recipe on its session (a tape, a live host or a twin), injected into a feature that takes
 * one: its result, strict verdict, steps, commands, and {@link #applyAgain} for idempotence.
 */
@CompileStatic
final class HostRun {
    final RunResult result
    private final Session session
    /** The commands this run issued, in order (reboots left out). */
    final List<String> commands

    HostRun(RunResult result, Session session, List<String> issued) {
        this.result = result
        this.session = session
        this.commands = List.copyOf(issued.findAll { String c -> !c.startsWith('event: ') })
    }

    /**
     * Passed: no command the tape lacks, no failed step, no preflight error (as ReplayVerdict judges it). Entries of
     * the tape that no run of the feature reached fail the feature when it ends, unless allowUnused.
     */
    boolean isPassed() { problems.isEmpty() }

    /** What went wrong, one line each (a miss names the step, its line and the re-record command). */
    List<String> getProblems() { session.problems(result) }

    /** The step whose {@code describe()} is {@code describe}; fails listing the steps when none is. */
    StepView step(String describe) {
        StepResult found = result.steps.find { StepResult s -> s.step.describe() == describe }
        if (found == null) {
            String steps = result.steps.collect { StepResult s -> "'${s.step.describe()}'" }.join(', ')
            throw new AssertionError("the run has no step '${describe}'; its steps: " +
                    (steps ?: '(none: it stopped at preflight)'))
        }
        new StepView(found)
    }

    /** Every step, in order. */
    List<StepView> getSteps() { result.steps.collect { StepResult s -> new StepView(s) } }

    /** The run rebooted the host (its reboot step changed). */
    boolean isRebooted() {
        result.steps.any { StepResult s -> s.step instanceof RebootStep && s.status == StepStatus.CHANGED }
    }

    /** The commands of this run that write (by the runtime's own classification of commands). */
    List<String> getWrites() { commands.findAll { String c -> ReadCommands.of(c) == CommandKind.WRITE } }

    /** This run issued no write command (a converged host: the run is idempotent). */
    boolean wroteNothing() { writes.isEmpty() }

    /**
     * Applies the recipe again on the same session: on a tape, answered by the recorded commands that follow; on a
     * live host, run there and appended to the same recording.
     */
    HostRun applyAgain() { session.apply() }

    String toString() { "HostRun(${steps*.toString().join(', ')})" }
}
