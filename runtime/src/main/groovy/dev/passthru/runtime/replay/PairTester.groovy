package dev.passthru.runtime.replay

import dev.passthru.runtime.cli.UsageError
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeFormatException
import dev.passthru.runtime.tape.TapeReader
import groovy.transform.CompileStatic

/**
 * Tests one recipe against one tape as `passthru test` does: a strict replay by {@link TapeReplayer}, judged by
 * {@link ReplayVerdict}, then the {@link Idempotence} check; a tape made for another recipe is skipped, a malformed
 * tape or a recipe mistake fails the pair with its message.
 */
@CompileStatic
final class PairTester {
    private final TapeReplayer replayer = new TapeReplayer(false)

    /** The result of replaying {@code recipe} against {@code tapeFile}. */
    PairResult test(File recipe, File tapeFile) {
        long start = System.nanoTime()
        String name = TapeConvention.recipeName(recipe)
        try {
            Tape tape = TapeReader.read(tapeFile)
            if (tape.recipe != null && tape.recipe != name) {
                return new PairResult(recipe, tapeFile, 'skipped', 0, 0, 0L,
                        ["the tape was recorded for recipe '${tape.recipe}', not '${name}'".toString()], false)
            }
            Replayed r = replayer.replay(recipe, tape, tapeFile.path)
            List<String> lines = r.verdict.problems + Idempotence.problems(r)
            int commands = r.verdict.issued.count { String c -> !c.startsWith('event: ') } as int
            new PairResult(recipe, tapeFile, lines ? 'FAIL' : 'pass', r.result.steps.size(), commands, since(start),
                    lines, Idempotence.applies(r))
        } catch (TapeFormatException | UsageError e) {
            new PairResult(recipe, tapeFile, 'FAIL', 0, 0, since(start), [e.message], false)
        }
    }

    private static long since(long start) { (System.nanoTime() - start).intdiv(1_000_000L) as long }
}
