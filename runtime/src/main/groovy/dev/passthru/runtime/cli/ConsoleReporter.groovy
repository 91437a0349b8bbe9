package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import groovy.transform.CompileStatic

/**
 * Live progress on a terminal: one line per step (rewritten in place on a TTY while it runs), a
 * countdown while a rebooting host is awaited, diffs under changed steps, and a summary table.
 */
@CompileStatic
class ConsoleReporter implements Listener {
    private static final int WIDTH = 58
    private final PrintStream out
    private final boolean live
    private String hostLabel = ''
    private long lastCountdownLine = Long.MAX_VALUE

    ConsoleReporter(PrintStream out, boolean live) {
        this.out = out
        this.live = live
    }

    void header(String verb, Recipe recipe, String host, String hostNote) {
        hostLabel = host
        out.println("passthru ${verb}: ${recipe.name}${recipe.description ? ' - ' + recipe.description : ''}")
        out.println("  recipe  ${recipe.source}")
        out.println("  host    ${host}${hostNote ? '\n          ' + hostNote : ''}")
        out.println()
    }

    /** The flavour the run uses and how it was chosen. */
    void flavour(String name, String reason) {
        if (live) out.print(' ' * 20 + '\r')
        out.println("flavour ${name} (${reason})")
        out.println()
    }

    @Override
    void preflightStarted() { if (live) out.print('preflight ...\r') }

    @Override
    void stepStarted(int index, int total, Step step) {
        if (live) out.print(padded("[${index}/${total}] ${step.describe()} ") + ' ...\r')
        lastCountdownLine = Long.MAX_VALUE
    }

    @Override
    void waitingForHost(long secondsLeft, String oldBootId) {
        if (live) {
            out.print("\r    waiting for the host to come back: ${secondsLeft}s left   ")
        } else if (lastCountdownLine - secondsLeft >= 30 || lastCountdownLine == Long.MAX_VALUE) {
            out.println("    waiting for the host to come back (boot_id was ${oldBootId}): ${secondsLeft}s left")
            lastCountdownLine = secondsLeft
        }
    }

    @Override
    void hostBack(String newBootId, long waitedMillis) {
        if (live) out.print('\r' + ' ' * 70 + '\r')
    }

    @Override
    void stepFinished(StepResult r, int total) {
        out.println(padded("[${r.index}/${total}] ${r.step.describe()} ") + " ${r.status.label.padRight(12)} ${seconds(r.millis)}")
        r.diff.each { String d -> out.println("        ${d}") }
        if (r.status == StepStatus.FAILED) {
            out.println("    ${r.step.location}: host ${hostLabel}, step '${r.step.describe()}': ${r.message}")
        } else if (r.message && r.status != StepStatus.SKIPPED) {
            out.println("        (${r.message})")
        }
    }

    @Override
    void preflightFindings(List<Finding> warnings) {
        if (live) out.print(' ' * 20 + '\r')
        warnings.each { Finding f -> out.println(finding(f, hostLabel)) }
        if (warnings) out.println()
    }

    /** What an interrupted run was doing when it stopped, on {@code err}. */
    void interrupted(RunResult run, PrintStream err) {
        StepResult r = run.interruptedStep()
        StepResult last = run.steps.findAll { StepResult s -> s.status != StepStatus.SKIPPED }.with { it ? it.last() : null }
        String where = r ? "during step [${r.index}/${run.steps.size()}] ${r.step.describe()} (line ${r.step.location.line})"
                : last ? "after step [${last.index}/${run.steps.size()}] ${last.step.describe()} (line ${last.step.location.line})"
                : 'before the first step (during the preflight)'
        err.println()
        err.println("interrupted (SIG${run.interrupted}) ${where}")
    }

    /** Preflight findings: one line each, with file:line, host and step, then the evidence and the fix. */
    void problems(List<Finding> problems, PrintStream err) {
        problems.each { Finding p -> err.println(finding(p, hostLabel)) }
        err.println("preflight found ${problems.size()} problem${problems.size() == 1 ? '' : 's'}; nothing was changed on the host")
    }

    /** One finding as the user reads it: {@code error: file:line: host H, step 'S': message}, then evidence and fix lines. */
    static String finding(Finding f, String host) {
        String head = "${f.error ? 'error' : 'warning'}: ${f.location}: host ${host}${f.step ? ", step '${f.step.describe()}'" : ''}: ${f.message}"
        head + (f.evidence ? "\n    evidence: ${f.evidence}" : '') + (f.fix ? "\n    fix: ${f.fix}" : '')
    }

    void summary(RunResult run) {
        if (run.problems) return
        out.println()
        if (run.planOnly) {
            out.println("Plan: ${run.count(StepStatus.WOULD_CHANGE)} to change, ${run.count(StepStatus.OK)} ok, ${run.count(StepStatus.PENDING)} pending. Nothing was changed (this was a dry run).")
        } else {
            long total = run.steps.sum(0L) { StepResult r -> r.millis } as long
            out.println("Summary: ${run.count(StepStatus.CHANGED)} changed, ${run.count(StepStatus.OK)} ok, ${run.count(StepStatus.FAILED)} failed" +
                    (run.count(StepStatus.SKIPPED) ? ", ${run.count(StepStatus.SKIPPED)} skipped" : '') + " (${seconds(total)})")
            out.println("  ${'#'.padLeft(2)}  ${'step'.padRight(WIDTH)} ${'status'.padRight(8)} ${'time'.padLeft(7)}")
            run.steps.each { StepResult r ->
                out.println("  ${String.valueOf(r.index).padLeft(2)}  ${truncate("${r.step.describe()} (line ${r.step.location.line})", WIDTH).padRight(WIDTH)} ${r.status.label.padRight(8)} ${seconds(r.millis).padLeft(7)}")
            }
            if (run.failed) {
                List<StepResult> changed = run.steps.findAll { StepResult r -> r.status == StepStatus.CHANGED }
                out.println()
                out.println("The host was left with ${changed ? 'steps ' + changed*.index.join(', ') + ' changed' : 'no change'} before the failure; " +
                        'apply again after fixing it: every step checks first, so done steps stay done.')
            }
        }
        run.rebootStillNeeded.each { String why -> out.println("reboot still needed for: ${why}${run.planOnly ? '' : ' (the recipe has no reboot() after it)'}") }
        run.vmRestartsNeeded.each { String note -> out.println("restart needed: ${note}") }
    }

    private static String padded(String s) { truncate(s, WIDTH + 6).padRight(WIDTH + 6, '.') }

    private static String truncate(String s, int n) { s.length() <= n ? s : s.substring(0, n - 3) + '...' }

    private static String seconds(long millis) { String.format(Locale.ROOT, '%.2fs', millis / 1000.0d) }
}
