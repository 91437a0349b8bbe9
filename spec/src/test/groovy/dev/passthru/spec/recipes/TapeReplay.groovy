package dev.passthru.spec.recipes

import dev.passthru.spec.engine.Engines
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo

/** Runs a shipped recipe against one of its tapes, as the engine does on a host, and insists the tape was followed exactly. */
final class TapeReplay {
    /** {@code dir} is {@code xcp-ng} or {@code kvm}; the commands issued are added to {@code issued}. */
    static RunResult replay(String dir, String recipeName, String tapeName, List<String> issued) {
        Recipe recipe = new RecipeLoader().load(Repo.file("recipes/${dir}/${recipeName}.groovy"), "recipes/${dir}/${recipeName}.groovy")
        ReplayTransport t = new ReplayTransport(TapeReader.read(Repo.file("recipes/${dir}/tapes/${tapeName}.yaml")), tapeName)
        Rebooter.Pause never = { long ms -> throw new AssertionError('a replayed run never waits') } as Rebooter.Pause
        RunResult r = Engines.on(t, null, never, 60_000L, 1_000L).apply(recipe)
        issued.addAll(t.issued)
        assert t.issued == t.expected(): 'commands issued differ from the tape'
        assert t.unused().isEmpty()
        r
    }

    /** A replayed run that went as the tape says: no problem, these statuses, exit 0, nothing left to reboot, a reboot only when something changed. */
    static boolean ranAsRecorded(RunResult r, List<String> issued, List<dev.passthru.runtime.engine.StepStatus> statuses) {
        assert r.problems.isEmpty()
        assert r.steps*.status == statuses
        assert r.exitCode() == 0
        assert r.rebootStillNeeded.isEmpty()
        assert issued.contains('reboot') == statuses.contains(dev.passthru.runtime.engine.StepStatus.CHANGED)
        true
    }
}
