package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.replay.ReplayVerdict
import dev.passthru.runtime.replay.TapeReplayer
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Option

/** replay: apply a recipe against a tape instead of a host. */
@CompileStatic
@Command(name = 'replay', mixinStandardHelpOptions = true,
        description = 'Apply a recipe against a recorded tape instead of a host.')
class ReplayCommand extends RecipeCommand {
    @Option(names = '--tape', required = true, paramLabel = 'FILE', description = 'The tape to answer commands from.')
    File tapeFile

    @Option(names = '--lenient', description = 'Accept tape entries the run does not reach (by default each ' +
            'one fails the replay: the recipe no longer runs that command).')
    boolean lenient

    Integer call() {
        recipe()
        Tape tape
        try {
            tape = TapeReader.read(tapeFile)
        } catch (RuntimeException e) {
            throw new UsageError(e.message)
        }
        ReplayTransport tapeTransport = new ReplayTransport(tape, tapeFile.path)
        Transport t = verbosity.wrap(tapeTransport, main.err, [])
        FactCache cache = new FactCache()
        Recipe recipe = load(recipeFile, t, main.out, cache)
        String source = tape.source.readLines() ? tape.source.readLines().first() : 'no source given'
        Runner runner = runner()
        runner.replay = true
        RunResult r = runner.run(recipe, t, new RunOptions(hostNote: "replaying ${tapeFile} (${source})",
                facts: cache))
        List<Interaction> unused = tapeTransport.unused()
        int recorded = tape.commands().size()
        int answered = recorded - unused.count { Interaction i -> !i.event }
        main.out.println("tape: ${answered} of ${recorded} recorded commands answered" +
                (unused ? "; not reached: ${unused.take(3).join(', ')}${unused.size() > 3 ? ' ...' : ''}" : ''))
        ReplayVerdict verdict = ReplayVerdict.of(r, tapeTransport, TapeReplayer.rerecord(recipeFile, tapeFile.path),
                lenient)
        verdict.problems.findAll { String p -> r.exitCode() == 0 || p.contains('; re-record with: ') }
                .each { String p -> main.err.println("error: ${p}") }
        r.exitCode() != 0 ? r.exitCode() : verdict.passed ? 0 : RunResult.EXIT_FAILED
    }
}
