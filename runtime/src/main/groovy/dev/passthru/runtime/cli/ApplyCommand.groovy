package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.journal.ResumePoint
import dev.passthru.runtime.tape.RecordingTransport
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.demo.DemoHost
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option

/** apply: check, change and verify each step of a recipe on a host (or a fleet), journaled. */
@CompileStatic
@Command(name = 'apply', mixinStandardHelpOptions = true,
        description = 'Bring the host to what the recipe says: check, change, verify each step; ' +
                'reboot only when needed.')
class ApplyCommand extends RecipeCommand {
    @Mixin
    HostOptions host = new HostOptions()

    @Option(names = '--record', paramLabel = 'FILE',
            description = 'Write this session as a tape (YAML), secrets redacted.')
    File record

    @Option(names = '--resume',
            description = 'Continue the newest run of this recipe on this host (refused if the recipe changed): ' +
                    'its verified steps are checked again, not redone. Nothing to resume is not an error.')
    boolean resume

    @Option(names = '--journal-dir', paramLabel = 'DIR',
            description = 'Where run journals go (default ~/.passthru/runs, or $PASSTHRU_HOME/runs).')
    File journalDir

    @Option(names = '--repeat', paramLabel = 'N',
            description = 'Apply N times in one run, stopping at a failure (on the demo host, ' +
                    'which keeps its state for the run, the second apply shows that nothing changes).')
    int repeat = 1

    @Option(names = '--break-lock', description = 'Take the host lock even though another run holds it ' +
            '(after checking that run is dead: the message says who holds it).')
    boolean breakLock

    @Option(names = '--then', paramLabel = 'RECIPE',
            description = 'After the recipe, apply this one too in the same session (repeatable); ' +
                    'on a demo host, which keeps its state only for one command, this shows an undo recipe at work.')
    List<File> then = []

    @Option(names = '--save-twin', paramLabel = 'FILE',
            description = 'After the run, write the simulated host (demo, demo-kvm, demo-hgx or twin:FILE) as a ' +
                    'twin file, so a later command can go on from its state with --host twin:FILE.')
    File saveTwin

    @Mixin
    FleetOptions fleet = new FleetOptions()

    @Override
    void validate() {
        super.validate()
        OptionChecks.positive(repeat, '--repeat')
    }

    Integer call() {
        if (fleet.inventory) return onFleet()
        recipe()
        if (saveTwin) {
            if (!host.demo) {
                throw new UsageError("--save-twin ${saveTwin}: only a simulated host has a state to save " +
                        '(--host demo, demo-kvm, demo-hgx or twin:FILE)')
            }
            Writable.file(saveTwin, '--save-twin')
        }
        then.each { File f -> if (!f.isFile()) throw new UsageError("--then ${f}: no such recipe file") }
        File dir = journalDir ?: Journals.defaultDir(main.env)
        Writable.directory(dir, journalDir ? '--journal-dir' : 'the journal directory ($PASSTHRU_HOME/runs)')
        if (record) Writable.file(record, '--record')
        String recipeText = recipeFile.getText('UTF-8')
        ResumePoint from = resume ? resumePoint(dir, recipeText) : null
        if (from != null && from.run == null) {
            main.out.println("nothing to resume: ${from.nothing}")
            return 0
        }
        int exit = onHost(dir, recipeText, from)
        if (exit == dev.passthru.runtime.interrupt.Interruption.EXIT_INTERRUPTED) {
            main.err.println("continue with: passthru apply ${recipeFile} --host ${host.host}" +
                    "${journalDir ? ' --journal-dir ' + journalDir : ''} --resume")
        }
        exit
    }

    /** Every host of the inventory, each once. */
    private int onFleet() {
        if (resume || record || then || repeat != 1 || saveTwin) {
            throw new UsageError('--inventory runs each host once: ' +
                    '--resume, --record, --then, --repeat and --save-twin are for one host')
        }
        FleetCli cli = new FleetCli(main, host, fleet, journalDir)
        cli.run(new RecipeFleetTask(main, recipeFile, Hosts.flavour(flavour), false, cli.journals(), breakLock))
    }

    /** The recipe (and --then recipes) on the one host, recorded when asked; the tape is saved whatever happens. */
    private int onHost(File dir, String recipeText, ResumePoint from) {
        Transport opened = Hosts.open(host, main.env, main.err)
        Transport live = verbosity.wrap(opened, main.err, Hosts.secrets(host, main.env))
        Redactor redactor = new Redactor(Hosts.secrets(host, main.env))
        RecordingTransport rec = record ? new RecordingTransport(live, redactor) : null
        Transport t = rec ?: live
        Runner runner = runner()
        try {
            FactCache cache = new FactCache()
            Recipe recipe = load(recipeFile, t, main.out, cache)
            List<Recipe> next = then.collect { File f -> load(f, t) }
            if (from) main.out.println(from.describe() + '\n')
            runner.lockVia = live
            runner.breakLock = breakLock
            runner.rebootPollMillis = host.rebootPollMillis()
            new ApplySession(main, runner, host, t, dir, redactor, cache)
                    .run(recipe, recipeText, repeat, from, next, then)
        } finally {
            if (rec) new TapeSaver(main, host, recipeFile, record, dir).save(rec, runner.lastFlavour)
            if (saveTwin) saveTwin.setText(TwinFile.write((DemoHost) opened), 'UTF-8')
            t.close()
        }
    }

    private ResumePoint resumePoint(File dir, String recipeText) {
        try {
            Journals.toResume(dir, recipeFile, Journal.sha256(recipeText), Hosts.label(host))
        } catch (IllegalStateException e) {
            throw new UsageError("--resume: ${e.message}")
        }
    }
}
