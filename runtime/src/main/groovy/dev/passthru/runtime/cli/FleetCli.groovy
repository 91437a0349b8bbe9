package dev.passthru.runtime.cli

import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.FleetRunner
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.fleet.InventoryException
import dev.passthru.runtime.fleet.InventoryReader
import dev.passthru.runtime.fleet.StatusBoard
import dev.passthru.runtime.fleet.TerminalSize
import dev.passthru.runtime.interrupt.InterruptedRunException
import dev.passthru.runtime.interrupt.Interruption
import dev.passthru.runtime.journal.Journals
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.transform.CompileStatic

import java.time.Instant
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import java.util.function.Consumer

/**
 * A command on every host of an inventory, in parallel (plan, apply, check, facts: a {@link FleetTask}): the
 * inventory and the task's recipe are read whole before any host is touched; then live status lines, a final
 * table, JSON and JUnit reports, each host's output in its log. One host's trouble, even an unexpected
 * exception, is that host's outcome; an interruption starts no further host, writes the reports and exits 130.
 */
@CompileStatic
class FleetCli {
    private final Main main
    private final HostOptions connection
    private final FleetOptions fleet
    private final File journalDir

    FleetCli(Main main, HostOptions connection, FleetOptions fleet, File journalDir = null) {
        this.main = main
        this.connection = connection
        this.fleet = fleet
        this.journalDir = journalDir
    }

    /** Where the hosts' logs and (apply) journals go: {@code --journal-dir}, or the default. */
    File journals() { journalDir ?: Journals.defaultDir(main.env) }

    int run(FleetTask task) {
        if (connection.host != 'demo') {
            throw new UsageError('--host and --inventory: give one (the inventory names the hosts)')
        }
        if (fleet.forks < 1) throw new UsageError("--forks ${fleet.forks}: give at least 1")
        task.prepare()
        List<Inventory.Host> hosts = hosts()
        PrintStream console = task.json ? main.err : main.out
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern('yyyyMMdd-HHmmss-SSS'))
        File logs = fleet.logDir ?: new File(journals(), "fleet/${run}")
        logs.mkdirs()
        console.println(header(task, hosts.size()))
        StatusBoard board = new StatusBoard(console, main.live, hosts*.name, TerminalSize.from(main.env))
        long t0 = System.nanoTime()
        String started = Instant.now().toString()
        List<HostOutcome> outcomes = new FleetRunner(fleet.forks, fleet.failFast, main.interruption)
                .run(hosts, { Inventory.Host h -> host(task, h, board, logs) } as FleetRunner.HostJob)
        board.close()
        FleetReport report = new FleetReport(recipe: task.recipe?.path, mode: task.verb,
                shards: fleet.shard ? [fleet.shard] : [], started: started, millis: millis(t0), hosts: outcomes)
        task.printResults(outcomes, main.out)
        console.println()
        console.println(table(report))
        console.println()
        console.print(report.summary())
        console.println("host logs: ${logs}")
        if (fleet.reportJson) {
            write(fleet.reportJson, report.toJson())
            console.println("report: ${fleet.reportJson}")
        }
        if (fleet.junit) {
            write(fleet.junit, report.toJunit())
            console.println("junit: ${fleet.junit}")
        }
        if (main.interruption.requested) {
            console.println("interrupted (SIG${main.interruption.signal}): " +
                    'the hosts that had not finished are marked ' +
                    'interrupted; run again to finish them')
            return Interruption.EXIT_INTERRUPTED
        }
        task.exitCode(report)
    }

    /** {@code passthru apply: RECIPE on N hosts from FILE (--limit ...) (shard ...), K at a time}, and a blank line. */
    private String header(FleetTask task, int n) {
        String what = task.recipe ? "${task.recipe} on " : ''
        String limit = fleet.limit ? " (--limit ${fleet.limit})" : ''
        String shard = fleet.shard ? " (shard ${fleet.shard})" : ''
        String hosts = "${n} host${n == 1 ? '' : 's'}"
        int forks = Math.min(fleet.forks, n)
        "passthru ${task.verb}: ${what}${hosts} from ${fleet.inventory}${limit}${shard}, ${forks} at a time\n"
    }

    /** The inventory's hosts after --limit and --shard; any mistake is a UsageError, before a host is touched. */
    private List<Inventory.Host> hosts() {
        List<Inventory.Host> hosts
        try {
            hosts = InventoryReader.read(fleet.inventory).limit(fleet.limit)
            if (fleet.shard) {
                List<String> in = fleet.shard.tokenize('/')
                if (in.size() != 2 || !in.every { it ==~ /\d+/ }) {
                    throw new IllegalArgumentException("--shard: '${fleet.shard}' is not I/N")
                }
                hosts = FleetRunner.shard(hosts, in[0] as int, in[1] as int)
            }
        } catch (InventoryException | IllegalArgumentException e) {
            throw new UsageError(e.message)
        }
        if (hosts.isEmpty()) {
            String limit = fleet.limit ? " --limit ${fleet.limit}" : ''
            String shard = fleet.shard ? " --shard ${fleet.shard}" : ''
            throw new UsageError("${fleet.inventory}${limit}${shard}: no host to run on")
        }
        hosts
    }

    /** One host: connect, run the task, keep its output in its log; whatever goes wrong is this host's outcome only. */
    private HostOutcome host(FleetTask task, Inventory.Host h, StatusBoard board, File logs) {
        long t0 = System.nanoTime()
        board.started(h.name)
        ByteArrayOutputStream buf = new ByteArrayOutputStream()
        PrintStream log = new PrintStream(buf, true, 'UTF-8')
        HostOutcome o
        Transport t = null
        try {
            Object key = h.vars['ansible_ssh_private_key_file']
            List<File> keys = key ? [new File(key.toString())] : connection.identities
            HostOptions options = connection.copyFor(h.address(), keys)
            t = Hosts.open(options, main.env)
            if (t instanceof SshTransport) ((SshTransport) t).connect()
            o = task.run(h, options, t, log, { String s -> board.step(h.name, s) } as Consumer<String>)
        } catch (UsageError | TransportException e) {
            log.println("error: ${e.message}")
            o = HostOutcome.error(h, 'error', e.message, 0L)
        } catch (InterruptedRunException e) {
            o = HostOutcome.error(h, 'interrupted', e.message, 0L)
        } catch (Throwable e) {
            if (FleetRunner.fatal(e)) throw e
            e.printStackTrace(log)
            o = HostOutcome.error(h, 'error', "${FleetRunner.oneLine(e)} (stack trace in the host's log)", 0L)
        } finally {
            closeQuietly(t)
        }
        o.millis = millis(t0)
        if (main.interruption.requested && o.failed) {
            o = o.interrupted("interrupted (SIG${main.interruption.signal}) before it finished")
        }
        File file = new File(logs, "${h.name.replaceAll(/[^A-Za-z0-9._-]/, '_')}.log")
        file.setText(buf.toString('UTF-8'), 'UTF-8')
        o.log = file.path
        String counts = o.counts() ? "  ${o.counts()}" : ''
        board.finished(h.name, o.status, "${o.status.toUpperCase(Locale.ROOT)}${counts}  ${secs(o.millis)}")
        o
    }

    /** The final table: one row per host. */
    static String table(FleetReport report) {
        int w = Math.max(4, (report.hosts*.name*.length().max() ?: 4) as int)
        int a = Math.max(7, (report.hosts*.address*.length().max() ?: 7) as int)
        String row = "%-${w}s  %-${a}s  %-12s  %-28s  %s%n"
        StringBuilder b = new StringBuilder(String.format(row, 'host', 'address', 'status', 'steps', 'time'))
        report.hosts.each { HostOutcome h ->
            b << String.format(row, h.name, h.address, h.status, h.counts() ?: '-', secs(h.millis))
        }
        b.toString().trim()
    }

    private static void closeQuietly(Transport t) {
        try {
            t?.close()
        } catch (IOException ignored) {
            // the host's outcome is decided; a connection that does not close cleanly changes nothing
        }
    }

    private static String secs(long millis) { String.format(Locale.ROOT, '%.2fs', millis / 1000.0d) }

    private static long millis(long t0) { (System.nanoTime() - t0).intdiv(1_000_000L) as long }

    private static void write(File f, String text) {
        f.absoluteFile.parentFile?.mkdirs()
        f.setText(text, 'UTF-8')
    }
}
