package dev.passthru.spock

import dev.passthru.dsl.RebootStep
import dev.passthru.dsl.Recipe as RecipeScript
import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * Refuses a live run that would reboot its host unless the feature allows it: the recipe is planned first (changing
 * nothing, and outside the recording), and a reboot step that would change means the run would reboot.
 */
@CompileStatic
final class RebootGuard {
    private RebootGuard() {}

    /** Why the run must not go ahead on {@code host}; null when it may. */
    static String refusal(FeatureSetup setup, Transport host, PrintStream out) {
        if (setup.allowReboot) return null
        FactCache cache = new FactCache()
        RecipeScript recipe = Runner.load(setup.recipe, host, null, [:], out, cache)
        RunOptions planOnly = new RunOptions(planOnly: true, facts: cache)
        RunResult plan = new Runner(out, out, true, null).run(recipe, host, planOnly)
        StepResult reboot = plan.steps.find { StepResult s ->
            s.step instanceof RebootStep && s.status == StepStatus.WOULD_CHANGE
        }
        reboot == null ? null : "refused: ${setup.recipe.name} would reboot ${host.label()} (step ${reboot.index} " +
                "'${reboot.step.describe()}', line ${reboot.step.location.line}); " +
                "give @Tape(allowReboot = true) to let a live run reboot it"
    }
}
