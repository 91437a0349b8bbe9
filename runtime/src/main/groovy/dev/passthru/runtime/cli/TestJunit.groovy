package dev.passthru.runtime.cli

import dev.passthru.runtime.fleet.JunitCase
import dev.passthru.runtime.fleet.JunitSuite
import dev.passthru.runtime.fleet.JunitXml
import dev.passthru.runtime.replay.PairResult
import dev.passthru.runtime.replay.TapeConvention
import groovy.transform.CompileStatic

/** `passthru test --junit`: a testsuite per recipe, a testcase per tape, a failure holding the verdict's lines. */
@CompileStatic
final class TestJunit {
    private final List<PairResult> results
    private final long millis

    TestJunit(List<PairResult> results, long millis) {
        this.results = results
        this.millis = millis
    }

    /** The JUnit XML document. */
    String toXml() {
        Map<File, List<PairResult>> byRecipe = results.groupBy { PairResult p -> p.recipe }
        List<JunitSuite> suites = byRecipe.collect { File recipe, List<PairResult> pairs ->
            new JunitSuite(name: recipe.path,
                    classname: "passthru.test.${TapeConvention.recipeName(recipe)}".toString(),
                    millis: (pairs.sum { PairResult p -> p.millis } ?: 0L) as long,
                    cases: pairs.collect { PairResult p -> testcase(p) })
        }
        JunitXml.write('passthru test', millis, suites)
    }

    private static JunitCase testcase(PairResult p) {
        JunitCase c = new JunitCase(name: p.tape.name, millis: p.millis)
        if (p.failed) {
            c.kind = 'failure'
            c.type = 'replay'
            c.message = p.lines ? p.lines.first() : 'failed'
            c.body = p.lines.join('\n')
        } else if (p.skipped) {
            c.kind = 'skipped'
            c.message = p.lines ? p.lines.first() : 'skipped'
        }
        c
    }
}
