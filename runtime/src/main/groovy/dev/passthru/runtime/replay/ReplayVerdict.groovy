package dev.passthru.runtime.replay

import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.ReplayTransport
import groovy.transform.CompileStatic

/**
 * Whether a replay went as its tape says, strictly: every command the run issued was on the tape (a miss names the
 * step and line that issued it and how to re-record), every command on the tape was issued ("the recipe no longer
 * runs ..."), unless unused entries are allowed; the run itself did not fail. One judge for `passthru replay`,
 * `passthru test` and the Spock harness.
 */
@CompileStatic
final class ReplayVerdict {
    /** What went wrong, one line each; empty when the replay passed. */
    final List<String> problems
    /** The lines of {@link #problems} for commands the tape lacked (each names its step, line and re-record). */
    final List<String> misses
    /** The lines of {@link #problems} for tape entries the run never reached ("the recipe no longer runs ..."). */
    final List<String> noLongerRun
    /** Tape entries the run never reached. */
    final List<Interaction> unused
    /** Every command the run issued, in order ({@code event: reboot} between boots). */
    final List<String> issued
    /** The commands issued that write (by {@link ReadCommands}): none on a run that found the host in sync. */
    final List<String> writes

    private ReplayVerdict(List<String> problems, List<String> misses, List<String> noLongerRun,
            List<Interaction> unused, List<String> issued) {
        this.problems = List.copyOf(problems)
        this.misses = List.copyOf(misses)
        this.noLongerRun = List.copyOf(noLongerRun)
        this.unused = List.copyOf(unused)
        this.issued = List.copyOf(issued)
        this.writes = List.copyOf(issued.findAll { String c ->
            !c.startsWith('event: ') && ReadCommands.of(c) == CommandKind.WRITE
        })
    }

    boolean isPassed() { problems.isEmpty() }

    /**
     * Judges {@code result}, replayed from {@code tape}; {@code rerecord} is the command that records the tape anew
     * (said with a miss); {@code allowUnused} accepts entries the run did not reach (--lenient).
     */
    static ReplayVerdict of(RunResult result, ReplayTransport tape, String rerecord, boolean allowUnused) {
        List<String> problems = [], misses = [], noLongerRun = []
        result.problems.each { Finding f ->
            problems << "${f.location?.file ?: result.recipe.source}:${f.location?.line ?: 0}: ${f.message}".toString()
        }
        result.steps.findAll { StepResult s -> s.status == StepStatus.FAILED }.each { StepResult s ->
            boolean miss = s.message?.contains(' holds no answer for ') || s.message?.contains(' has no boot after ')
            String line = ("step ${s.index} '${s.step.describe()}' (line ${s.step.location.line}) " +
                    "${miss ? 'ran a command the tape lacks' : 'failed'}: ${s.message}" +
                    (miss ? "; re-record with: ${rerecord}" : '')).toString()
            problems << line
            if (miss) misses << line
        }
        List<Interaction> unused = tape.unused().findAll { Interaction i -> !i.event }
        if (!allowUnused && !result.failed) {
            noLongerRun.addAll(unused.collect { Interaction i ->
                "the recipe no longer runs `${i.command}` (on the tape)".toString()
            })
            problems.addAll(noLongerRun)
        }
        new ReplayVerdict(problems, misses, noLongerRun, unused, tape.issued)
    }
}
