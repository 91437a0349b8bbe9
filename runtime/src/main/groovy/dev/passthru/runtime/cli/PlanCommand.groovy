package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.transport.Transport
import groovy.json.JsonOutput
import dev.passthru.runtime.facts.FactCache
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option

/** plan: what apply would change, step by step; changes nothing. */
@CompileStatic
@Command(name = 'plan', mixinStandardHelpOptions = true,
        description = 'Show what apply would change on the host (a diff per step); changes nothing.')
class PlanCommand extends RecipeCommand {
    @Mixin
    HostOptions host = new HostOptions()

    @Mixin
    FleetOptions fleet = new FleetOptions()

    @Option(names = '--json', description = 'Print the plan as JSON on stdout (progress goes to stderr).')
    boolean json

    @Option(names = '--detailed-exitcode',
            description = 'Exit 0 when nothing would change, 2 when changes are pending, 1 on an error ' +
                    '(Terraform\'s convention).')
    boolean detailedExitcode

    Integer call() {
        if (fleet.inventory) {
            if (json || detailedExitcode) {
                throw new UsageError('--json and --detailed-exitcode are for one host; a fleet writes --report-json')
            }
            return new FleetCli(main, host, fleet)
                    .run(new RecipeFleetTask(main, recipeFile, Hosts.flavour(flavour), true, null, false))
        }
        recipe()
        Transport t = verbosity.open(host, main)
        RunResult r
        try {
            FactCache cache = new FactCache()
            Recipe recipe = load(recipeFile, t, json ? main.err : main.out, cache)
            RunOptions options = host.runOptions()
            options.planOnly = true
            options.facts = cache
            r = runner(json ? main.err : main.out).run(recipe, t, options)
        } finally {
            t.close()
        }
        if (json) main.out.println(JsonOutput.prettyPrint(JsonOutput.toJson(PlanJson.of(r))))
        detailedExitcode ? PlanJson.detailedExitCode(r) : r.exitCode()
    }
}
