package dev.passthru.runtime.engine

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RebootStep
import dev.passthru.dsl.Step
import dev.passthru.runtime.interrupt.InterruptedRunException
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.runtime.transport.TransportException
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import groovy.transform.CompileStatic

/**
 * Runs a recipe against a host through a flavour. plan: preflight and checks only, nothing written.
 * apply: preflight, then for each step check, and if not in sync apply and check again (verify).
 * A reboot step reboots only when an earlier step left a change that needs one; the first failure
 * stops the run and the remaining steps are reported as skipped.
 */
@CompileStatic
class Engine {
    private final FlavourSource source
    /** The flavour chosen at the last preflight (null before one, or when none could be chosen). */
    private Flavour flavour
    private final String hostLabel
    private final Listener listener
    private final Rebooter rebooter
    /** Ctrl-C/SIGTERM: checked before each step; a step it cuts short ends INTERRUPTED, the rest are skipped. */
    Interruption interruption = new Interruption()
    /** The host is a tape being replayed: messages speak of the tape. */
    boolean replay

    Engine(FlavourSource source, String hostLabel, Listener listener, Rebooter rebooter) {
        this.source = source
        this.hostLabel = hostLabel
        this.listener = listener
        this.rebooter = rebooter
    }

    /** An engine for one flavour, known beforehand. */
    Engine(Flavour flavour, String hostLabel, Listener listener, Rebooter rebooter) {
        this({ Recipe r -> flavour } as FlavourSource, hostLabel, listener, rebooter)
    }

    /** The name of the flavour the last preflight chose; null before one or when none could be chosen. */
    String flavourName() { flavour?.name() }

    RunResult plan(Recipe recipe) { run(recipe, true, [:]) }

    RunResult apply(Recipe recipe) { run(recipe, false, [:]) }

    /**
     * Continues an earlier run: the steps it verified ({@code verifiedIn}: step index to run id) are
     * checked again but not redone; one found drifted since is applied again and says so.
     */
    RunResult resume(Recipe recipe, Map<Integer, String> verifiedIn) { run(recipe, false, verifiedIn) }

    private RunResult run(Recipe asWritten, boolean planOnly, Map<Integer, String> verifiedIn) {
        listener.preflightStarted()
        Preflight pre
        try {
            flavour = source.flavourFor(asWritten)
            pre = flavour.preflight(asWritten)
        } catch (UndecidedFlavourException e) {
            pre = new Preflight(asWritten, [new Finding(null, e.message,
                    new dev.passthru.dsl.SourceLocation(asWritten.source, 0))])
        } catch (StepFailedException | TransportException | InterruptedRunException | InterruptedException e) {
            if (!interruption.requested) {
                String what = replay ? 'the tape' : 'the host'
                pre = new Preflight(asWritten, [new Finding(null, "preflight could not read ${what}: ${e.message}",
                        new dev.passthru.dsl.SourceLocation(asWritten.source, 0))])
            }
        }
        if (interruption.requested) {
            return new RunResult(asWritten, hostLabel, planOnly, [], [], [], [], interruption.signal)
        }
        if (pre.errors()) return new RunResult(asWritten, hostLabel, planOnly, pre.findings, [], [], [])
        listener.preflightFindings(pre.warnings())
        Recipe recipe = pre.recipe

        List<StepResult> results = []
        List<String> rebootReasons = []
        List<Step> rebootFor = []
        LinkedHashSet<String> vmRestarts = []
        boolean afterPlannedReboot = false
        boolean failed = false
        int total = recipe.steps.size()
        recipe.steps.eachWithIndex { Step step, int i ->
            if (failed || interruption.requested) {
                String why = interruption.requested ? "interrupted (SIG${interruption.signal})"
                        : 'an earlier step failed'
                StepResult skipped = new StepResult(i + 1, step, StepStatus.SKIPPED, [], why, 0)
                results << skipped
                listener.stepFinished(skipped, total)
                return
            }
            listener.stepStarted(i + 1, total, step)
            long t0 = System.nanoTime()
            StepResult r
            try {
                if (step instanceof RebootStep) {
                    r = reboot(i + 1, step, planOnly, rebootReasons, rebootFor, t0)
                    if (r.status == StepStatus.WOULD_CHANGE) afterPlannedReboot = true
                    if (r.status in [StepStatus.CHANGED, StepStatus.WOULD_CHANGE]) {
                        rebootReasons.clear()
                        rebootFor.clear()
                    }
                } else if (planOnly && afterPlannedReboot && (step instanceof AssignableStep ||
                        step instanceof VgpuStep)) {
                    // what they find (assignable devices; a GPU's vGPU types and dom0 access) comes with the boot
                    r = new StepResult(i + 1, step, StepStatus.PENDING, [], 'checked after the reboot', millis(t0))
                } else {
                    int before = rebootReasons.size()
                    r = converge(i + 1, step, planOnly, rebootReasons, vmRestarts, t0)
                    if (rebootReasons.size() > before) rebootFor << step
                }
            } catch (StepFailedException | TransportException | InterruptedRunException | InterruptedException e) {
                r = interruption.requested
                        ? new StepResult(i + 1, step, StepStatus.INTERRUPTED, [],
                                "interrupted (SIG${interruption.signal}) while it ran; its next check shows how far " +
                                "it got", millis(t0))
                        : new StepResult(i + 1, step, StepStatus.FAILED, [], e.message, millis(t0))
            }
            String earlier = verifiedIn[i + 1]
            if (earlier && r.status == StepStatus.OK) r = new StepResult(r.index, step, r.status, r.diff,
                    "verified in run ${earlier}", r.millis)
            if (earlier && r.status == StepStatus.CHANGED) r = new StepResult(r.index, step, r.status, r.diff,
                    "drifted since run ${earlier}: applied again", r.millis)
            if (r.status == StepStatus.FAILED) failed = true
            results << r
            listener.stepFinished(r, total)
        }
        new RunResult(recipe, hostLabel, planOnly, pre.findings, results, rebootReasons, vmRestarts.toList(),
                interruption.signal)
    }

    private StepResult converge(int n, Step step, boolean planOnly, List<String> rebootReasons, Set<String> vmRestarts,
            long t0) {
        Change before = flavour.plan(step)
        if (before.inSync) {
            if (before.rebootPending) rebootReasons << reason(step)
            return new StepResult(n, step, StepStatus.OK, [], before.note, millis(t0))
        }
        if (planOnly) {
            if (before.rebootPending) rebootReasons << reason(step)
            return new StepResult(n, step, StepStatus.WOULD_CHANGE, before.diff, before.note, millis(t0),
                    before.actions*.planned())
        }
        ActionContext context = flavour.actions()
        before.actions.each { Action a -> a.run(context) }
        Change after = flavour.plan(step)
        if (!after.inSync) {
            throw new StepFailedException("applied, but the host still differs: ${after.diff.join('; ')}")
        }
        if (after.rebootPending) rebootReasons << reason(step)
        if (before.restartVm) vmRestarts << before.note
        new StepResult(n, step, StepStatus.CHANGED, before.diff, before.note, millis(t0))
    }

    /**
     * Reboots when earlier steps need it, then checks those steps again: a change that a reboot should
     * have brought into effect and did not (say, a boot loader that ignored the new command line) fails here.
     */
    private StepResult reboot(int n, Step step, boolean planOnly, List<String> reasons, List<Step> needing, long t0) {
        if (reasons.isEmpty()) {
            return new StepResult(n, step, StepStatus.OK, [], 'no earlier step needs a reboot', millis(t0))
        }
        List<String> diff = reasons.collect { "+ reboot for: ${it}".toString() }
        if (planOnly) {
            List<PlannedCommand> commands = [PlannedCommand.of(Rebooter.REBOOT, null),
                       PlannedCommand.note('then waits for the host to come back with a new boot id')]
            return new StepResult(n, step, StepStatus.WOULD_CHANGE, diff, (String) null, millis(t0), commands)
        }
        String bootId = rebooter.reboot(listener)
        flavour.actions().facts.rebooted()
        needing.each { Step s ->
            Change c = flavour.plan(s)
            if (!c.inSync || c.rebootPending) {
                throw new StepFailedException("the host rebooted (boot_id ${bootId}) but '${s.describe()}' (line " +
                        "${s.location.line}) is still not in effect: ${c.note ?: c.diff.join('; ')}")
            }
        }
        String back = replay ? "the tape's next boot" : 'host is back'
        String verified = "${needing.size()} step${needing.size() == 1 ? '' : 's'} verified in effect"
        new StepResult(n, step, StepStatus.CHANGED, diff, "${back}, boot_id ${bootId}; ${verified}", millis(t0))
    }

    /** How a step that needs a reboot is named in the reboot step's diff and the summary. */
    private static String reason(Step step) { "${step.describe()} (line ${step.location.line})".toString() }

    private static long millis(long t0) { (System.nanoTime() - t0).intdiv(1_000_000L) as long }
}
