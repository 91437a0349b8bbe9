package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

import java.util.function.Consumer

/** plan or apply on each host of a fleet: the recipe, compiled once, run with each host's variables; apply journals. */
@CompileStatic
class RecipeFleetTask extends FleetTask {
    private final Main main
    private final File recipeFile
    private final FlavourName flavour
    private final boolean planOnly
    private final File journals
    private final boolean breakLock
    private RecipeLoader.Compiled compiled

    RecipeFleetTask(Main main, File recipeFile, FlavourName flavour, boolean planOnly, File journals,
            boolean breakLock) {
        this.main = main
        this.recipeFile = recipeFile
        this.flavour = flavour
        this.planOnly = planOnly
        this.journals = journals
        this.breakLock = breakLock
    }

    String getVerb() { planOnly ? 'plan' : 'apply' }

    File getRecipe() { recipeFile }

    void prepare() { compiled = compile(recipeFile) }

    /** Compiles a fleet's recipe once; a missing file or a syntax error is a UsageError. */
    static RecipeLoader.Compiled compile(File recipeFile) {
        if (!recipeFile.isFile()) throw new UsageError("${recipeFile}: no such recipe file")
        try {
            new RecipeLoader().compile(recipeFile, recipeFile.path)
        } catch (RecipeException e) {
            throw new UsageError(e.userMessage())
        }
    }

    HostOutcome run(Inventory.Host h, HostOptions o, Transport t, PrintStream log, Consumer<String> progress) {
        FactCache cache = new FactCache()
        Recipe recipe
        try {
            recipe = compiled.run(h.name, h.vars, Runner.facts(new Facts(t, cache), flavour), log)
        } catch (RecipeException e) {
            log.println("error: ${e.userMessage()}")
            return HostOutcome.error(h, 'error', "recipe: ${e.userMessage()}", 0L)
        }
        Runner runner = new Runner(log, log, false, flavour)
        runner.lockVia = planOnly ? null : t
        runner.breakLock = breakLock
        runner.interruption = main.interruption
        runner.rebootPollMillis = o.rebootPollMillis()
        runner.progress = new Listener() {
            void stepStarted(int index, int total, Step step) {
                progress.accept("[${index}/${total}] ${step.describe()}".toString())
            }

            void waitingForHost(long secondsLeft, String oldBootId) {
                progress.accept("rebooting: ${secondsLeft}s left".toString())
            }
        }
        Journal journal = planOnly ? null : Journal.start(journals, Journals.newRunId("${recipe.name}-${h.name}"),
                t.label(), recipe, recipeFile.getText('UTF-8'), null, new Redactor(Hosts.secrets(o, main.env)))
        RunOptions options = o.runOptions()
        options.planOnly = planOnly
        options.journal = journal
        options.facts = cache
        RunResult r = runner.run(recipe, t, options)
        HostOutcome.of(h, r, 0L, null)
    }

    int exitCode(FleetReport report) { report.failed ? RunResult.EXIT_FAILED : RunResult.EXIT_OK }
}
