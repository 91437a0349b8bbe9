package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.json.JsonOutput
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option

/**
 * Runs a recipe's preflight alone (what apply runs first): every finding with its severity, evidence and fix; changes
 * nothing.
 */
@CompileStatic
@Command(name = 'check', mixinStandardHelpOptions = true, description = 'Preflight only: check the recipe against ' +
        'the host (devices, IOMMU, groups, NUMA, VMs) and list every finding with its severity, evidence and fix. ' +
        'Changes nothing. Exit 0: no error; 1: errors found; 2: the host could not be read. With --inventory, on ' +
        'every host.')
class CheckCommand extends RecipeCommand {
    @Mixin
    HostOptions host = new HostOptions()

    @Option(names = '--json', description = 'Print the findings as JSON (with --inventory: one object keyed by host).')
    boolean json

    @Mixin
    FleetOptions fleet = new FleetOptions()

    Integer call() {
        if (fleet.inventory) {
            return new FleetCli(main, host, fleet).run(new CheckFleetTask(recipeFile, Hosts.flavour(flavour), json))
        }
        Transport t = verbosity.open(host, main)
        try {
            FactCache cache = new FactCache()
            Recipe recipe = load(recipeFile, t, json ? main.err : main.out, cache)
            Detection f = new FlavourDetection(new Facts(t, cache), Hosts.flavour(flavour),
                    { long ms -> } as Rebooter.Pause).detect(recipe.flavour)
            Preflight pre = f.preflight(recipe)
            if (json) main.out.println(JsonOutput.prettyPrint(JsonOutput.toJson(report(recipe, t.label(), f, pre))))
            else print(main.out, recipe, t.label(), f, pre)
            pre.errors() ? 1 : 0
        } catch (TransportException | StepFailedException e) {
            main.err.println("error: host ${t.label()}: preflight could not read the host: ${e.message}")
            2
        } finally {
            t.close()
        }
    }

    /** The findings as check prints them (evidence, fix), the counts, and the steps when apply would go ahead. */
    static void print(PrintStream out, Recipe recipe, String label, Detection f, Preflight pre) {
        out.println("passthru check: ${recipe.name} on ${label}${f.name() ? " (${f.name()}, ${f.reason})" : ''}")
        out.println()
        pre.findings.each { Finding x -> out.println(ConsoleReporter.finding(x, label)) }
        if (!pre.findings) out.println('no findings')
        out.println()
        out.println("${pre.errors().size()} error${pre.errors().size() == 1 ? '' : 's'}, ${pre.warnings().size()} " +
                "warning${pre.warnings().size() == 1 ? '' : 's'}" +
                (pre.errors() ? '; apply would stop before changing anything' : '; apply would go ahead'))
        if (!pre.errors()) {
            out.println()
            out.println('steps as they would run here:')
            pre.recipe.steps.eachWithIndex { s, int i ->
                out.println("  ${i + 1}. ${s.describe()} (line ${s.location.line})")
            }
        }
    }

    /** The JSON form: stable keys, one object per finding. */
    static Map<String, Object> report(Recipe recipe, String label, Detection f, Preflight pre) {
        [recipe  : recipe.source, host: label, flavour: f.name(),
         errors  : pre.errors().size(), warnings: pre.warnings().size(),
         findings: pre.findings.collect { Finding x ->
             [severity: x.severity.name().toLowerCase(Locale.ROOT), file: x.location?.file, line: x.location?.line,
                     step: x.step?.describe(),
              message : x.message, evidence: x.evidence, fix: x.fix]
         },
         steps   : pre.errors() ? [] : pre.recipe.steps.collect { it.describe() }] as Map<String, Object>
    }
}
