package dev.passthru.runtime.cli

import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.PlannedCommand
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic

/** A plan as data (plan --json) and as Terraform's detailed exit code. */
@CompileStatic
final class PlanJson {
    /** The schema name a consumer checks before reading the rest. */
    static final String SCHEMA = 'passthru.plan/1'

    private PlanJson() {}

    /** The plan with stable keys: findings, then one object per step with its status, diff and message. */
    static Map<String, Object> of(RunResult r) {
        [schema         : SCHEMA, recipe: r.recipe.source, name: r.recipe.name, host: r.host,
         changesPending : changesPending(r), failed: r.failed,
         interrupted    : r.interrupted ? "SIG${r.interrupted}".toString() : null,
         findings       : (r.problems + r.warnings).collect { Finding f -> finding(f) },
         steps          : r.steps.collect { StepResult s -> step(s) },
         rebootNeededFor: r.rebootStillNeeded, vmRestartsNeeded: r.vmRestartsNeeded] as Map<String, Object>
    }

    /** 0: nothing would change; 2: changes pending; 1: the plan failed; 130: interrupted. */
    static int detailedExitCode(RunResult r) {
        r.interrupted ? Interruption.EXIT_INTERRUPTED : r.failed ? 1 : changesPending(r) ? 2 : 0
    }

    /** True when apply would change something (a step to change, one pending after a reboot, or a reboot owed). */
    static boolean changesPending(RunResult r) {
        r.steps.any { StepResult s -> s.status in [StepStatus.WOULD_CHANGE, StepStatus.PENDING] } ||
                !r.rebootStillNeeded.isEmpty()
    }

    private static Map<String, Object> step(StepResult s) {
        [index : s.index, step: s.step.describe(), file: s.step.location.file, line: s.step.location.line,
         status: s.status.name().toLowerCase(Locale.ROOT), diff: s.diff, message: s.message,
         commands: s.commands.collect { PlannedCommand c -> command(c) }] as Map<String, Object>
    }

    /** A command apply would run ({@code command}, {@code stdin} summary) or where the listing stops ({@code note}). */
    private static Map<String, Object> command(PlannedCommand c) {
        c.command == null ? [note: c.note] as Map<String, Object>
                : [command: c.command, stdin: c.stdin] as Map<String, Object>
    }

    private static Map<String, Object> finding(Finding f) {
        [severity: f.error ? 'error' : 'warning', file: f.location?.file, line: f.location?.line,
         step    : f.step?.describe(), message: f.message, evidence: f.evidence, fix: f.fix] as Map<String, Object>
    }
}
