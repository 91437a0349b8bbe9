package dev.passthru.runtime.replay

import dev.passthru.dsl.FlavourName
import dev.passthru.dsl.Recipe
import dev.passthru.runtime.cli.RunOptions
import dev.passthru.runtime.cli.Runner
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape
import groovy.transform.CompileStatic

/**
 * Replays recipes against tapes in this JVM, quietly (many in one process: `passthru test`, the Spock harness): the
 * recipe is loaded with its facts answered by the tape, applied as `passthru apply` would, and judged strictly.
 */
@CompileStatic
final class TapeReplayer {
    private final boolean allowUnused
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())

    /** {@code allowUnused}: tape entries the run does not reach are accepted (else each is a problem). */
    TapeReplayer(boolean allowUnused = false) { this.allowUnused = allowUnused }

    /**
     * Replays {@code recipeFile} against {@code tape} (named {@code tapeName} in messages); a recipe mistake is a
     * UsageError, as on the command line.
     */
    Replayed replay(File recipeFile, Tape tape, String tapeName, Map<String, Object> vars = [:],
            FlavourName flavour = null) {
        ReplayTransport t = new ReplayTransport(tape, tapeName)
        FactCache cache = new FactCache()
        Recipe recipe = Runner.load(recipeFile, t, flavour, vars, quiet, cache)
        Runner runner = new Runner(quiet, quiet, false, flavour)
        runner.replay = true
        RunResult r = runner.run(recipe, t, new RunOptions(facts: cache, hostNote: "replaying ${tapeName}"))
        new Replayed(r, ReplayVerdict.of(r, t, rerecord(recipeFile, tapeName), allowUnused))
    }

    /** The command that records the tape anew, on the host it came from. */
    static String rerecord(File recipeFile, String tapeName) {
        "passthru apply ${recipeFile.path} --host USER@HOST --record ${tapeName}"
    }
}
