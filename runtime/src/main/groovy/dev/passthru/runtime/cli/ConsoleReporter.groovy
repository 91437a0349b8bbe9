package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Indent
import dev.passthru.runtime.engine.PlannedCommand
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
    /** The width when the environment gives none ($COLUMNS). */
    static final int DEFAULT_WIDTH = 80
    /** Narrower than this and a step line would have no room for its name. */
    static final int MIN_WIDTH = 40
    /** Room after a step's name on its line: a space, the status (12), a space, the time (7). */
    private static final int STATUS_COLUMNS = 21
    /** Room around a step's name in the summary table: indent and number (6), status (1 + 8), time (1 + 7). */
    private static final int TABLE_COLUMNS = 23
    private final PrintStream out
    private final boolean live
    private final int width
    private String hostLabel = ''
    private long lastCountdownLine = Long.MAX_VALUE
    /** The step running now, and whether its header line is on the console already. */
    private String currentHeader
    private boolean announced
    /** Print each step's header when it starts (when more output comes between it and its result, as with -v). */
    boolean announceSteps
    /** The run answers from a tape: lines say so instead of speaking of the host. */
    boolean replay

    ConsoleReporter(PrintStream out, boolean live, int width = DEFAULT_WIDTH) {
        this.out = out
        this.live = live
        this.width = Math.max(MIN_WIDTH, width)
    }

    /** The console width from the environment: $COLUMNS when it is a number (at least {@link #MIN_WIDTH}), else 80. */
    static int width(Map<String, String> env) {
        String columns = env?.get('COLUMNS')?.trim()
        columns ==~ /\d{1,4}/ ? Math.max(MIN_WIDTH, columns as int) : DEFAULT_WIDTH
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
        currentHeader = StepLabel.fit("[${index}/${total}] ${step.describe()}", ' ...', width)
        announced = false
        if (announceSteps) announce()
        else if (live) out.print(currentHeader + '\r')
        lastCountdownLine = Long.MAX_VALUE
    }

    /** The running step's header on a line of its own, once, before other output of the step (countdown, commands). */
    private void announce() {
        if (announced || currentHeader == null) return
        out.println(live ? '\r' + currentHeader : currentHeader)
        announced = true
    }

    @Override
    void waitingForHost(long secondsLeft, String oldBootId) {
        boolean first = lastCountdownLine == Long.MAX_VALUE
        if (first) announce()
        if (replay) {
            if (first) out.println("    the recorded host reboots here (boot_id was ${oldBootId})")
        } else if (live) {
            out.print("\r    waiting for the host to come back: ${secondsLeft}s left   ")
        } else if (lastCountdownLine - secondsLeft >= 30 || first) {
            out.println("    waiting for the host to come back (boot_id was ${oldBootId}): ${secondsLeft}s left")
        }
        if (first || lastCountdownLine - secondsLeft >= 30) lastCountdownLine = secondsLeft
    }

    @Override
    void hostBack(String newBootId, long waitedMillis) {
        if (live && !replay) out.print('\r' + ' ' * (width - 1) + '\r')
    }

    @Override
    void stepFinished(StepResult r, int total) {
        String name = StepLabel.fit("[${r.index}/${total}] ${r.step.describe()}", ' ', width - STATUS_COLUMNS)
        out.println(name.padRight(width - STATUS_COLUMNS, '.') + " ${r.status.label.padRight(12)} ${seconds(r.millis)}")
        currentHeader = null
        r.diff.each { String d -> out.println("        ${d}") }
        r.commands.each { PlannedCommand c -> out.println("        ${c.describe()}") }
        if (r.status == StepStatus.FAILED) {
            String where = "${r.step.location}: host ${hostLabel}, step '${r.step.describe()}'"
            out.println("    ${where}: ${Indent.under(r.message, '        ')}")
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
        StepResult last = run.steps.findAll { StepResult s -> s.status != StepStatus.SKIPPED }.with {
            it ? it.last() : null
        }
        String where = r ? "during step [${r.index}/${run.steps.size()}] ${r.step.describe()} (line " +
                "${r.step.location.line})"
                : last ? "after step [${last.index}/${run.steps.size()}] ${last.step.describe()} (line " +
                        "${last.step.location.line})"
                : 'before the first step (during the preflight)'
        err.println()
        err.println("interrupted (SIG${run.interrupted}) ${where}")
    }

    /** Preflight findings: one line each, with file:line, host and step, then the evidence and the fix. */
    void problems(List<Finding> problems, PrintStream err) {
        problems.each { Finding p -> err.println(finding(p, hostLabel)) }
        err.println("preflight found ${problems.size()} problem${problems.size() == 1 ? '' : 's'}; " +
                (replay ? 'the recorded run would stop here (a replay changes nothing)'
                        : 'nothing was changed on the host'))
    }

    /**
     * One finding as the user reads it: {@code error: file:line: host H, step 'S': message}, then evidence and fix
     * lines.
     */
    static String finding(Finding f, String host) {
        String step = f.step ? ", step '${f.step.describe()}'" : ''
        String head = "${f.error ? 'error' : 'warning'}: ${f.location}: host ${host}${step}: " +
                Indent.under(f.message, '    ')
        head + (f.evidence ? "\n    evidence: ${f.evidence}" : '') + (f.fix ? "\n    fix: ${f.fix}" : '')
    }

    void summary(RunResult run) {
        if (run.problems) return
        out.println()
        if (run.planOnly) {
            out.println("Plan: ${run.count(StepStatus.WOULD_CHANGE)} to change, ${run.count(StepStatus.OK)} ok, " +
                    "${run.count(StepStatus.PENDING)} pending. Nothing was changed (this was a dry run).")
        } else {
            long total = run.steps.sum(0L) { StepResult r -> r.millis } as long
            out.println("Summary: ${run.count(StepStatus.CHANGED)} changed, ${run.count(StepStatus.OK)} ok, " +
                    "${run.count(StepStatus.FAILED)} failed" +
                    (run.count(StepStatus.SKIPPED) ? ", ${run.count(StepStatus.SKIPPED)} skipped" : '') +
                            " (${seconds(total)})")
            int column = width - TABLE_COLUMNS
            out.println("  ${'#'.padLeft(2)}  ${'step'.padRight(column)} ${'status'.padRight(8)} ${'time'.padLeft(7)}")
            run.steps.each { StepResult r ->
                String name = StepLabel.fit(r.step.describe(), " (line ${r.step.location.line})", column)
                out.println("  ${String.valueOf(r.index).padLeft(2)}  ${name.padRight(column)} " +
                        "${r.status.label.padRight(8)} ${seconds(r.millis).padLeft(7)}")
            }
            if (run.failed) {
                List<StepResult> changed = run.steps.findAll { StepResult r -> r.status == StepStatus.CHANGED }
                String steps = !changed ? 'no change'
                        : "step${changed.size() == 1 ? '' : 's'} ${changed*.index.join(', ')} changed"
                out.println()
                out.println(replay
                        ? "The recorded session had ${steps} before the failure " +
                        '(replayed from the tape; no host was touched).'
                        : "The host was left with ${steps} before the failure; " +
                        'apply again after fixing it: every step checks first, so done steps stay done.')
            }
        }
        run.rebootStillNeeded.each { String why ->
            out.println("reboot still needed for: " +
                    "${why}${run.planOnly ? '' : ' (the recipe has no reboot() after it)'}")
        }
        run.vmRestartsNeeded.each { String note -> out.println("restart needed: ${note}") }
    }

    private static String seconds(long millis) { String.format(Locale.ROOT, '%.2fs', millis / 1000.0d) }
}
