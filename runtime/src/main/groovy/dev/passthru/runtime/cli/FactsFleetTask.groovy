package dev.passthru.runtime.cli

import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.json.JsonOutput
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

import java.util.concurrent.ConcurrentHashMap
import java.util.function.Consumer

/**
 * facts on each host of a fleet: each host read (nothing changed); printed as one table per host, or one JSON
 * object keyed by host. Exit 2 when a host could not be read.
 */
@CompileStatic
class FactsFleetTask extends FleetTask {
    private final FlavourName flavour
    private final boolean json
    private final Map<String, Map<String, Object>> results = new ConcurrentHashMap<>()

    FactsFleetTask(FlavourName flavour, boolean json) {
        this.flavour = flavour
        this.json = json
    }

    String getVerb() { 'facts' }

    boolean isJson() { json }

    HostOutcome run(Inventory.Host h, HostOptions o, Transport t, PrintStream log, Consumer<String> progress) {
        progress.accept('reading ...')
        try {
            Detection f = new FlavourDetection(new Facts(t), flavour, { long ms -> } as Rebooter.Pause).detect(null)
            if (!f.decided) {
                log.println("error: host ${t.label()}: ${f.reason}")
                return HostOutcome.error(h, 'error', f.reason, 0L)
            }
            Map<String, Object> facts = new LinkedHashMap<String, Object>()
            facts.host = t.label()
            facts.putAll(f.facts())
            results[h.name] = facts
            log.println(FactsCommand.table(facts))
            new HostOutcome(name: h.name, address: h.address(), groups: h.groups, status: 'ok', exit: 0)
        } catch (TransportException | StepFailedException e) {
            log.println("error: host ${t.label()}: ${e.message}")
            HostOutcome.error(h, 'error', e.message, 0L)
        }
    }

    int exitCode(FleetReport report) { report.failed ? 2 : 0 }

    /** Each host's table under a heading, or (--json) one object keyed by host name. */
    void printResults(List<HostOutcome> outcomes, PrintStream out) {
        if (json) {
            out.println(keyed(outcomes, results))
            return
        }
        outcomes.each { HostOutcome h ->
            out.println()
            out.println("== ${h.name} (${h.address}) ==")
            Map<String, Object> facts = results[h.name]
            out.println(facts ? FactsCommand.table(facts) : "not read: ${h.error ?: h.status}")
        }
    }

    /** JSON: host name to what the task read from it, or {@code {"error": why}} for a host it could not read. */
    static String keyed(List<HostOutcome> outcomes, Map<String, Map<String, Object>> results) {
        Map<String, Object> all = new LinkedHashMap<>()
        outcomes.each { HostOutcome h ->
            all[h.name] = results[h.name] ?: [status: h.status, error: h.error ?: h.status] as Map<String, Object>
        }
        JsonOutput.prettyPrint(JsonOutput.toJson(all))
    }
}
