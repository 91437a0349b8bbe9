package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.fleet.FleetReport
import dev.passthru.runtime.fleet.HostOutcome
import dev.passthru.runtime.fleet.Inventory
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic

import java.util.concurrent.ConcurrentHashMap
import java.util.function.Consumer

/**
 * check on each host of a fleet: the recipe's preflight with the host's variables, its findings in the report.
 * Exit as check's on one host: 2 when a host could not be checked (unreachable, unreadable, the recipe failed for
 * its variables), else 1 when a host has errors, else 0.
 */
@CompileStatic
class CheckFleetTask extends FleetTask {
    private final File recipeFile
    private final FlavourName flavour
    private final boolean json
    private RecipeLoader.Compiled compiled
    private final Map<String, Map<String, Object>> results = new ConcurrentHashMap<>()

    CheckFleetTask(File recipeFile, FlavourName flavour, boolean json) {
        this.recipeFile = recipeFile
        this.flavour = flavour
        this.json = json
    }

    String getVerb() { 'check' }

    File getRecipe() { recipeFile }

    boolean isJson() { json }

    void prepare() { compiled = RecipeFleetTask.compile(recipeFile) }

    HostOutcome run(Inventory.Host h, HostOptions o, Transport t, PrintStream log, Consumer<String> progress) {
        FactCache cache = new FactCache()
        Recipe recipe
        try {
            recipe = compiled.run(h.name, h.vars, Runner.facts(new Facts(t, cache), flavour))
        } catch (RecipeException e) {
            log.println("error: ${e.userMessage()}")
            return HostOutcome.error(h, 'error', "recipe: ${e.userMessage()}", 0L)
        }
        progress.accept('preflight ...')
        try {
            Detection f = new FlavourDetection(new Facts(t, cache), flavour, { long ms -> } as Rebooter.Pause)
                    .detect(recipe.flavour)
            Preflight pre = f.preflight(recipe)
            CheckCommand.print(log, recipe, t.label(), f, pre)
            results[h.name] = CheckCommand.report(recipe, t.label(), f, pre)
            boolean errors = !pre.errors().isEmpty()
            new HostOutcome(name: h.name, address: h.address(), groups: h.groups, status: errors ? 'failed' : 'ok',
                    exit: errors ? 1 : 0, findings: pre.findings.collect { Finding x -> HostOutcome.finding(x) })
        } catch (TransportException | StepFailedException e) {
            log.println("error: host ${t.label()}: preflight could not read the host: ${e.message}")
            HostOutcome.error(h, 'error', "preflight could not read the host: ${e.message}", 0L)
        }
    }

    int exitCode(FleetReport report) {
        report.hosts.any { it.status == 'error' } ? 2 : report.hosts.any { it.failed } ? 1 : 0
    }

    /** --json: one object keyed by host name, each what check --json prints for one host (or the host's error). */
    void printResults(List<HostOutcome> outcomes, PrintStream out) {
        if (json) out.println(FactsFleetTask.keyed(outcomes, results))
    }
}
