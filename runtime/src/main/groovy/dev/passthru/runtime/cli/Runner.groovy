package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.xcpng.XcpngFlavour
import groovy.transform.CompileStatic

/** Loads a recipe and runs it (plan or apply) against a transport, reporting to the console. */
@CompileStatic
class Runner {
    final PrintStream out
    final PrintStream err
    final boolean live

    Runner(PrintStream out, PrintStream err, boolean live) {
        this.out = out
        this.err = err
        this.live = live
    }

    static Recipe load(File file) {
        try {
            new RecipeLoader().load(file, file.path)
        } catch (RecipeException e) {
            throw new UsageError(e.userMessage())
        }
    }

    /** Runs and reports; the run result carries the exit code. */
    RunResult run(Recipe recipe, Transport transport, boolean planOnly, String hostNote, long rebootTimeoutMillis, boolean realPauses) {
        ConsoleReporter reporter = new ConsoleReporter(out, live)
        reporter.header(planOnly ? 'plan' : 'apply', recipe, transport.label(), hostNote)
        Flavour flavour = new XcpngFlavour(transport)
        Rebooter.Pause pause = realPauses ? ({ long ms -> Thread.sleep(ms) } as Rebooter.Pause) : ({ long ms -> } as Rebooter.Pause)
        Rebooter rebooter = new Rebooter(transport, flavour, rebootTimeoutMillis, 5_000L, { System.currentTimeMillis() }, pause)
        RunResult result = new Engine(flavour, transport.label(), reporter, rebooter).with { planOnly ? it.plan(recipe) : it.apply(recipe) }
        if (result.problems) reporter.problems(result.problems, err) else reporter.summary(result)
        result
    }
}
