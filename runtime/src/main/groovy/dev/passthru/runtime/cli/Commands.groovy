package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.tape.ReplayTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.tape.TapeWriter
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/** Shared by the commands that run a recipe. */
@CompileStatic
abstract class RecipeCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'RECIPE', description = 'The recipe file (Groovy).')
    File recipeFile

    @Option(names = '--flavour', paramLabel = 'xcpng|kvm', description = 'The kind of host, instead of the recipe\'s flavour or detecting it (/etc/os-release, xe/xl or virsh).')
    String flavour

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions()

    protected Runner runner() {
        new Runner(main.out, main.err, main.live, Hosts.flavour(flavour)).tap {
            announceSteps = verbosity.level() > 0
            width = ConsoleReporter.width(main.env)
        }
    }
}

@CompileStatic
@Command(name = 'plan', description = 'Show what apply would change on the host (a diff per step); changes nothing.')
class PlanCommand extends RecipeCommand {
    @Mixin
    HostOptions host = new HostOptions()

    @Mixin
    FleetOptions fleet = new FleetOptions()

    Integer call() {
        if (fleet.inventory) return new FleetCli(main, recipeFile, host, fleet, Hosts.flavour(flavour), true, null, false).run()
        Transport t = verbosity.open(host, main)
        try {
            Recipe recipe = Runner.load(recipeFile, t, Hosts.flavour(flavour))
            runner().run(recipe, t, true, Hosts.note(host), host.rebootTimeout * 1000L, !host.demo).exitCode()
        } finally {
            t.close()
        }
    }
}

@CompileStatic
@Command(name = 'apply', description = 'Bring the host to what the recipe says: check, change, verify each step; reboot only when needed.')
class ApplyCommand extends RecipeCommand {
    @Mixin
    HostOptions host = new HostOptions()

    @Option(names = '--record', paramLabel = 'FILE', description = 'Write this session as a tape (YAML), secrets redacted.')
    File record

    @Option(names = '--resume', description = 'Continue the last run of this recipe on this host (refused if the recipe changed or the host differs): its verified steps are checked again, not redone.')
    boolean resume

    @Option(names = '--journal-dir', paramLabel = 'DIR', description = 'Where run journals go (default ~/.passthru/runs, or $PASSTHRU_HOME/runs).')
    File journalDir

    @Option(names = '--repeat', paramLabel = 'N', description = 'Apply N times in one run, stopping at a failure (on the demo host, which keeps its state for the run, the second apply shows that nothing changes).')
    int repeat = 1

    @Option(names = '--break-lock', description = 'Take the host lock even though another run holds it (after checking that run is dead: the message says who holds it).')
    boolean breakLock

    @Option(names = '--then', paramLabel = 'RECIPE', description = 'After the recipe, apply this one too in the same session (repeatable); on a demo host, which keeps its state only for one command, this shows an undo recipe at work.')
    List<File> then = []

    @Mixin
    FleetOptions fleet = new FleetOptions()

    Integer call() {
        if (fleet.inventory) {
            if (resume || record || then || repeat != 1) throw new UsageError('--inventory runs each host once: --resume, --record, --then and --repeat are for one host')
            return new FleetCli(main, recipeFile, host, fleet, Hosts.flavour(flavour), false, journalDir, breakLock).run()
        }
        if (!recipeFile.isFile()) throw new UsageError("${recipeFile}: no such recipe file")
        String recipeText = recipeFile.getText('UTF-8')
        File dir = journalDir ?: Journals.defaultDir(main.env)
        Redactor redactor = new Redactor(Hosts.secrets(host, main.env))
        Map<Integer, String> verifiedIn = [:]
        String resumedFrom = null
        if (resume) {
            Map earlier
            try {
                earlier = Journals.toResume(dir, recipeFile, Journal.sha256(recipeText), Hosts.label(host))
            } catch (IllegalStateException e) {
                throw new UsageError("--resume: ${e.message}")
            }
            resumedFrom = earlier.run
            Journals.verifiedPrefix(earlier).each { Integer i -> verifiedIn[i] = resumedFrom }
        }
        Transport live = verbosity.open(host, main)
        RecordingTransport rec = record ? new RecordingTransport(live, redactor) : null
        Transport t = rec ?: live
        Recipe recipe
        List<Recipe> thenRecipes
        try {
            recipe = Runner.load(recipeFile, t, Hosts.flavour(flavour))
            thenRecipes = then.collect { File f -> Runner.load(f, t, Hosts.flavour(flavour)) }
        } catch (UsageError e) {
            t.close()
            throw e
        }
        int exit = 0
        Runner runner = runner()
        runner.lockVia = live
        runner.breakLock = breakLock
        runner.rebootPollMillis = Math.max(1L, Math.round(host.rebootPoll * 1000) as long)
        try {
            for (int i = 0; i < repeat && exit == 0; i++) {
                if (i > 0) main.out.println('\n--- applying again (a second run must change nothing) ---\n')
                Journal journal = Journal.start(dir, Journals.newRunId(recipe.name), t.label(), recipe, recipeText, resumedFrom, redactor)
                exit = runner.run(recipe, t, false, Hosts.note(host), host.rebootTimeout * 1000L, !host.demo,
                        journal, i == 0 ? verifiedIn : [:] as Map<Integer, String>).exitCode()
            }
            thenRecipes.eachWithIndex { Recipe next, int k ->
                if (exit != 0) return
                main.out.println("\n--- then ${then[k]} ---\n")
                Journal journal = Journal.start(dir, Journals.newRunId(next.name), t.label(), next, then[k].getText('UTF-8'), null, redactor)
                exit = runner.run(next, t, false, Hosts.note(host), host.rebootTimeout * 1000L, !host.demo, journal, [:] as Map<Integer, String>).exitCode()
            }
        } finally {
            if (rec) {
                String source = host.demo ? "recorded from the built-in demo host ${Hosts.label(host)} (a simulator; its output formats are documented in its classes)"
                        : "recorded by passthru apply ${recipeFile.name} on a live host on ${java.time.LocalDate.now()}"
                Tape tape = rec.tape(host.demo ? Hosts.label(host) : 'live-host', runner.lastFlavour ?: 'unknown', source)
                record.absoluteFile.parentFile?.mkdirs()
                record.setText(TapeWriter.write(tape), 'UTF-8')
                main.out.println("tape written: ${record} (${tape.interactions.size()} entries)")
            }
            t.close()
        }
        exit
    }
}

@CompileStatic
@Command(name = 'replay', description = 'Apply a recipe against a recorded tape instead of a host.')
class ReplayCommand extends RecipeCommand {
    @Option(names = '--tape', required = true, paramLabel = 'FILE', description = 'The tape to answer commands from.')
    File tapeFile

    Integer call() {
        Tape tape
        try {
            tape = TapeReader.read(tapeFile)
        } catch (RuntimeException e) {
            throw new UsageError(e.message)
        }
        ReplayTransport tapeTransport = new ReplayTransport(tape, tapeFile.path)
        Transport t = verbosity.wrap(tapeTransport, main.err, [])
        Recipe recipe = Runner.load(recipeFile, t, Hosts.flavour(flavour))
        String source = tape.source.readLines() ? tape.source.readLines().first() : 'no source given'
        String note = "replaying ${tapeFile} (${source})"
        RunResult r = runner().tap { replay = true }.run(recipe, t, false, note, 600_000L, false)
        List<Interaction> unused = tapeTransport.unused()
        int recorded = tape.commands().size()
        int answered = recorded - unused.count { Interaction i -> !i.event }
        main.out.println("tape: ${answered} of ${recorded} recorded commands answered" +
                (unused ? "; not reached: ${unused.take(3).join(', ')}${unused.size() > 3 ? ' ...' : ''}" : ''))
        r.exitCode()
    }
}
