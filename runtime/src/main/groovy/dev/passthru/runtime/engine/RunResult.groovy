package dev.passthru.runtime.engine

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic

/** The outcome of a plan or apply: preflight problems, every step's result, and what is still pending. */
@CompileStatic
final class RunResult {
    static final int EXIT_OK = 0
    static final int EXIT_FAILED = 2

    final Recipe recipe
    final String host
    final boolean planOnly
    /** Preflight's ERROR findings (the run stopped before any change). */
    final List<Finding> problems
    /** Preflight's WARNING findings (the run went on). */
    final List<Finding> warnings
    final List<StepResult> steps
    /** Why the host still needs a reboot after this run (empty when it does not). */
    final List<String> rebootStillNeeded
    /** VMs whose changed configuration takes effect only when they are restarted. */
    final List<String> vmRestartsNeeded
    /** The signal that stopped the run ("INT", "TERM"), or null when it ran to its end. */
    final String interrupted

    RunResult(Recipe recipe, String host, boolean planOnly, List<Finding> findings, List<StepResult> steps,
              List<String> rebootStillNeeded, List<String> vmRestartsNeeded, String interrupted = null) {
        this.interrupted = interrupted
        this.recipe = recipe
        this.host = host
        this.planOnly = planOnly
        this.problems = List.copyOf(findings.findAll { Finding f -> f.error })
        this.warnings = List.copyOf(findings.findAll { Finding f -> !f.error })
        this.steps = List.copyOf(steps)
        this.rebootStillNeeded = List.copyOf(rebootStillNeeded)
        this.vmRestartsNeeded = List.copyOf(vmRestartsNeeded)
    }

    int count(StepStatus s) { steps.count { StepResult r -> r.status == s } as int }

    boolean isFailed() { !problems.isEmpty() || steps.any { StepResult r -> r.status == StepStatus.FAILED } }

    /** 130 when interrupted, else 2 when anything failed, else 0. */
    int exitCode() { interrupted ? Interruption.EXIT_INTERRUPTED : failed ? EXIT_FAILED : EXIT_OK }

    /** The step that was running when the run was interrupted; null if none was. */
    StepResult interruptedStep() { steps.find { StepResult r -> r.status == StepStatus.INTERRUPTED } }
}
