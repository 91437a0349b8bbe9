package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.FleetRunner
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.fleet.InventoryException
import dev.passthru.runtime.fleet.InventoryReader
import dev.passthru.runtime.fleet.StatusBoard
import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

import java.time.Instant
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

/** A recipe on every host of an inventory, in parallel: live status lines, a final table, JSON and JUnit reports. */
@CompileStatic
class FleetCli {
    private final Main main
    private final File recipeFile
    private final HostOptions connection
    private final FleetOptions fleet
    private final String flavour
    private final boolean planOnly
    private final File journalDir
    private final boolean breakLock

    FleetCli(Main main, File recipeFile, HostOptions connection, FleetOptions fleet, String flavour, boolean planOnly, File journalDir, boolean breakLock) {
        this.main = main
        this.recipeFile = recipeFile
        this.connection = connection
        this.fleet = fleet
        this.flavour = flavour
        this.planOnly = planOnly
        this.journalDir = journalDir
        this.breakLock = breakLock
    }

    int run() {
        if (connection.host != 'demo') throw new UsageError('--host and --inventory: give one (the inventory names the hosts)')
        if (!recipeFile.isFile()) throw new UsageError("${recipeFile}: no such recipe file")
        Inventory inventory
        List<Inventory.Host> hosts
        try {
            inventory = InventoryReader.read(fleet.inventory)
            hosts = inventory.limit(fleet.limit)
            if (fleet.shard) {
                List<String> in = fleet.shard.tokenize('/')
                if (in.size() != 2 || !in.every { it ==~ /\d+/ }) throw new IllegalArgumentException("--shard: '${fleet.shard}' is not I/N")
                hosts = FleetRunner.shard(hosts, in[0] as int, in[1] as int)
            }
        } catch (InventoryException | IllegalArgumentException e) {
            throw new UsageError(e.message)
        }
        if (hosts.isEmpty()) throw new UsageError("${fleet.inventory}${fleet.limit ? ' --limit ' + fleet.limit : ''}${fleet.shard ? ' --shard ' + fleet.shard : ''}: no host to run on")
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMdd-HHmmss-SSS'))
        File journals = journalDir ?: Journals.defaultDir(main.env)
        File logs = fleet.logDir ?: new File(journals, "fleet/${run}")
        logs.mkdirs()
        String verb = planOnly ? 'plan' : 'apply'
        main.out.println("passthru ${verb}: ${recipeFile} on ${hosts.size()} host${hosts.size() == 1 ? '' : 's'} from ${fleet.inventory}" +
                "${fleet.limit ? ' (--limit ' + fleet.limit + ')' : ''}${fleet.shard ? ' (shard ' + fleet.shard + ')' : ''}, ${Math.min(fleet.forks, hosts.size())} at a time\n")
        StatusBoard board = new StatusBoard(main.out, main.live, hosts*.name)
        long t0 = System.nanoTime()
        String started = Instant.now().toString()
        RecipeLoader.Compiled compiled
        try {
            compiled = new RecipeLoader().compile(recipeFile, recipeFile.path)
        } catch (RecipeException e) {
            throw new UsageError(e.userMessage())
        }
        List<HostOutcome> outcomes = new FleetRunner(fleet.forks, fleet.failFast).run(hosts, { Inventory.Host h -> one(compiled, h, board, journals, logs) } as FleetRunner.HostJob)
        FleetReport report = new FleetReport(recipe: recipeFile.path, mode: verb, shards: fleet.shard ? [fleet.shard] : [], started: started,
                millis: (System.nanoTime() - t0).intdiv(1_000_000L) as long, hosts: outcomes)
        main.out.println()
        main.out.println(table(report))
        main.out.println()
        main.out.print(report.summary())
        main.out.println("host logs: ${logs}")
        if (fleet.reportJson) { write(fleet.reportJson, report.toJson()); main.out.println("report: ${fleet.reportJson}") }
        if (fleet.junit) { write(fleet.junit, report.toJunit()); main.out.println("junit: ${fleet.junit}") }
        report.failed ? RunResult.EXIT_FAILED : RunResult.EXIT_OK
    }

    private HostOutcome one(RecipeLoader.Compiled compiled, Inventory.Host h, StatusBoard board, File journals, File logs) {
        long t0 = System.nanoTime()
        board.started(h.name)
        List<File> keys = h.vars['ansible_ssh_private_key_file'] ? [new File(h.vars['ansible_ssh_private_key_file'].toString())] : connection.identities
        HostOptions o = connection.copyFor(h.address(), keys)
        Transport t
        try {
            t = Hosts.open(o, main.env)
        } catch (UsageError e) {
            return done(board, HostOutcome.error(h, 'error', e.message, millis(t0)))
        }
        Recipe recipe
        try {
            recipe = compiled.run(h.name, h.vars, Runner.facts(t, flavour))
        } catch (RecipeException e) {
            t.close()
            return done(board, HostOutcome.error(h, 'error', "recipe: ${e.userMessage()}", millis(t0)))
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream()
        PrintStream ps = new PrintStream(buf, true, 'UTF-8')
        RunResult r
        try {
            Runner runner = new Runner(ps, ps, false, flavour)
            runner.lockVia = planOnly ? null : t
            runner.breakLock = breakLock
            runner.rebootPollMillis = Math.max(1L, Math.round(o.rebootPoll * 1000) as long)
            runner.progress = new Listener() {
                void stepStarted(int index, int total, Step step) { board.step(h.name, "[${index}/${total}] ${step.describe()}") }
                void waitingForHost(long secondsLeft, String oldBootId) { board.step(h.name, "rebooting: ${secondsLeft}s left") }
            }
            Journal journal = planOnly ? null : Journal.start(journals, Journals.newRunId("${recipe.name}-${h.name}"), t.label(), recipe,
                    recipeFile.getText('UTF-8'), null, new Redactor(Hosts.secrets(o, main.env)))
            r = runner.run(recipe, t, planOnly, Hosts.note(o), o.rebootTimeout * 1000L, !o.demo, journal, [:] as Map<Integer, String>)
        } finally {
            t.close()
        }
        File log = new File(logs, "${h.name.replaceAll(/[^A-Za-z0-9._-]/, '_')}.log")
        log.setText(buf.toString('UTF-8'), 'UTF-8')
        done(board, HostOutcome.of(h, r, millis(t0), log.path))
    }

    private static HostOutcome done(StatusBoard board, HostOutcome o) {
        board.finished(o.name, "${o.status.toUpperCase(Locale.ROOT)}${o.counts() ? '  ' + o.counts() : ''}${o.failed ? '  ' + FleetReport.reason(o) : ''}  ${String.format(Locale.ROOT, '%.2fs', o.millis / 1000.0d)}")
        o
    }

    /** The final table: one row per host. */
    static String table(FleetReport report) {
        int w = Math.max(4, (report.hosts*.name*.length().max() ?: 4) as int)
        int a = Math.max(7, (report.hosts*.address*.length().max() ?: 7) as int)
        StringBuilder b = new StringBuilder(String.format("%-${w}s  %-${a}s  %-12s  %-28s  %s%n", 'host', 'address', 'status', 'steps', 'time'))
        report.hosts.each { HostOutcome h ->
            b << String.format("%-${w}s  %-${a}s  %-12s  %-28s  %s%n", h.name, h.address, h.status, h.counts() ?: '-', String.format(Locale.ROOT, '%.2fs', h.millis / 1000.0d))
        }
        b.toString().trim()
    }

    private static long millis(long t0) { (System.nanoTime() - t0).intdiv(1_000_000L) as long }

    private static void write(File f, String text) {
        f.absoluteFile.parentFile?.mkdirs()
        f.setText(text, 'UTF-8')
    }
}
