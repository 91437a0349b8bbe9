package dev.passthru.runtime.cli

import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

import java.util.function.Consumer

/**
 * What a fleet command does on each host (plan, apply, check, facts); {@link FleetCli} does the rest: the
 * inventory, the connections, the board, the per-host logs, the table, the reports and interruptions.
 */
@CompileStatic
abstract class FleetTask {
    /** plan, apply, check or facts: the header's verb and the report's mode. */
    abstract String getVerb()

    /** The recipe every host runs, or null (facts). */
    File getRecipe() { null }

    /** Reads what every host needs (compiles the recipe) before any host is touched; a mistake is a UsageError. */
    void prepare() {}

    /**
     * One host's run on its open connection: its console output goes to {@code log}, its progress to the board
     * through {@code progress}. Returns its outcome; the fleet sets the time and the log file.
     */
    abstract HostOutcome run(Inventory.Host host, HostOptions options, Transport transport, PrintStream log,
                             Consumer<String> progress)

    /** The exit code of a fleet that was not interrupted. */
    abstract int exitCode(FleetReport report)

    /** True when standard output carries JSON only (--json): the board, table and summary go to standard error. */
    boolean isJson() { false }

    /** Prints what the hosts gave (facts' tables, --json) after the board; nothing by default. */
    void printResults(List<HostOutcome> outcomes, PrintStream out) {}
}
