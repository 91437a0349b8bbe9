package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Listeners
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.journal.JournalingTransport
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.dsl.SourceLocation
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.lock.HostLock
import dev.passthru.runtime.transport.TransportException
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

/** Loads a recipe and runs it (plan or apply) against a transport, reporting to the console. */
@CompileStatic
class Runner {
    final PrintStream out
    final PrintStream err
    final boolean live
    /** The flavour given on the command line (null: the recipe's, else detected). */
    final FlavourName flavourOverride
    /** The flavour the last run used (for a tape's header). */
    String lastFlavour
    /** Where apply takes the host lock (the live connection, outside any recording); null: no lock (plan, replay). */
    Transport lockVia
    /** Break a lock another run holds (--break-lock). */
    boolean breakLock
    /** Also hears the run (a fleet's status line); null for none. */
    Listener progress
    /** How often the Rebooter tries a rebooting host. */
    long rebootPollMillis = 5_000L
    /**
     * Ctrl-C/SIGTERM: the run stops between steps (or cuts a wait short), finishes its journal and releases the lock.
     */
    Interruption interruption = new Interruption()
    /** Print each step's header as it starts (-v: the commands it runs follow it). */
    boolean announceSteps
    /** Console width for step lines and the summary table. */
    int width = ConsoleReporter.DEFAULT_WIDTH
    /** The transport answers from a tape (replay): the console speaks of the tape, not of a host. */
    boolean replay

    Runner(PrintStream out, PrintStream err, boolean live, FlavourName flavourOverride = null) {
        this.out = out
        this.err = err
        this.live = live
        this.flavourOverride = flavourOverride
    }

    static Recipe load(File file) {
        try {
            new RecipeLoader().load(file, file.path)
        } catch (RecipeException e) {
            throw new UsageError(e.userMessage())
        }
    }

    /**
     * Loads a recipe to run on {@code host}: {@code facts} in the recipe reads that host (only if the recipe reads it).
     */
    static Recipe load(File file, Transport host, FlavourName flavourOverride) {
        load(file, host, flavourOverride, [:], System.out)
    }

    /**
     * As {@link #load(File, Transport, String)}; the recipe's own output goes to {@code printed} (stderr under --json).
     */
    static Recipe load(File file, Transport host, FlavourName flavourOverride, PrintStream printed) {
        load(file, host, flavourOverride, [:], printed)
    }

    /** Loads a recipe with variables (--var) it reads as {@code vars.NAME}; its own output goes to {@code printed}. */
    static Recipe load(File file, Transport host, FlavourName flavourOverride, Map<String, Object> vars,
            PrintStream printed, FactCache cache = new FactCache()) {
        try {
            new RecipeLoader().compile(file, file.path).run(null, vars, facts(new Facts(host, cache), flavourOverride),
                    printed)
        } catch (RecipeException e) {
            throw new UsageError(e.userMessage())
        }
    }

    /** Reads a host's facts (what passthru facts prints), deciding its flavour as a run would. */
    static Closure<Map<String, Object>> facts(Facts host, FlavourName flavourOverride) {
        return { ->
            Detection d = new FlavourDetection(host, flavourOverride, { long ms -> } as Rebooter.Pause).detect(null)
            Map<String, Object> all = new LinkedHashMap<String, Object>()
            all.host = host.transport().label()
            all.putAll(d.facts())
            all
        }
    }

    /**
     * Runs and reports (plan, apply, or resume with a journal, as {@code options} say); the result has the exit
     * code.
     */
    RunResult run(Recipe recipe, Transport host, RunOptions options) {
        boolean planOnly = options.planOnly
        Journal journal = options.journal
        Map<Integer, String> verifiedIn = options.verifiedIn
        ConsoleReporter reporter = new ConsoleReporter(out, live, width)
        reporter.announceSteps = announceSteps
        reporter.replay = replay
        String verb = replay ? 'replay' : planOnly ? 'plan' : verifiedIn ? 'apply --resume' : 'apply'
        reporter.header(verb, recipe, host.label(), options.hostNote)
        Transport journaled = journal ? new JournalingTransport(host, journal) : host
        Facts facts = new Facts(journaled, options.facts ?: new FactCache())
        Transport transport = facts.transport()
        Rebooter.Pause pause = options.realPauses ?
                ({ long ms -> Thread.sleep(ms) } as Rebooter.Pause) : ({ long ms -> } as Rebooter.Pause)
        FlavourDetection flavour = new FlavourDetection(facts, flavourOverride, pause,
                { String name, String why -> reporter.flavour(name, why) } as FlavourDetection.Chosen)
        Rebooter rebooter = new Rebooter(transport, options.rebootTimeoutMillis, rebootPollMillis,
                { System.currentTimeMillis() }, pause)
        List<Listener> hearing = [reporter as Listener] + (journal ? [journal as Listener] : []) +
                (progress ? [progress] : [])
        Listener listener = hearing.size() == 1 ? reporter : new Listeners(hearing as Listener[])
        Engine engine = new Engine(flavour, host.label(), listener, rebooter)
        engine.interruption = interruption
        engine.replay = replay
        HostLock lock = !planOnly && lockVia ? new HostLock(lockVia,
                HostLock.owner(journal?.runId ?: 'unjournaled', recipe.source),
                { String run -> journal != null && Journals.finished(journal.file.parentFile, run) }
                        as java.util.function.Predicate<String>) : null
        RunResult result
        String unlocked = null
        interruption.enter()
        try {
            HostLock.Outcome got = lock?.acquire(breakLock)
            if (got != null && !got.taken) {
                result = new RunResult(recipe, host.label(), planOnly,
                        [new Finding(null, got.message, new SourceLocation(recipe.source, 0))], [], [], [])
            } else {
                if (got?.message) out.println("lock: ${got.message}\n")
                result = planOnly ? engine.plan(recipe)
                        : verifiedIn ? engine.resume(recipe, verifiedIn) : engine.apply(recipe)
            }
        } catch (TransportException e) {
            result = interruption.requested ? null : new RunResult(recipe, host.label(), planOnly,
                    [new Finding(null, "could not take the host lock: ${e.message}",
                            new SourceLocation(recipe.source, 0))], [], [], [])
        } finally {
            interruption.leave()
            unlocked = lock?.release()
        }
        if (result == null) result = new RunResult(recipe, host.label(), planOnly, [], [], [], [], interruption.signal)
        lastFlavour = engine.flavourName() ?: flavourOverride?.word
        journal?.finish(result)
        if (result.interrupted) {
            reporter.interrupted(result, err)
            if (lock?.wasTaken()) err.println(unlocked ? "warning: ${unlocked}" : 'host lock released')
        } else if (unlocked) {
            err.println("warning: ${unlocked}")
        }
        if (result.problems) {
            reporter.problems(result.problems, err)
        } else if (!result.interrupted || result.steps) {
            reporter.summary(result)
        }
        if (journal) (result.interrupted ? err : out).println("journal: " +
                "${journal.file}${result.interrupted ? ' (outcome: interrupted)' : ''}")
        result
    }
}
