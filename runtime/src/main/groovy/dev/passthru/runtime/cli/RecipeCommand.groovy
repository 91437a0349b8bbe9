package dev.passthru.runtime.cli

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.facts.FactCache
import groovy.transform.CompileStatic
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/** Shared by the commands that run a recipe: the recipe file, --flavour and --var. */
@CompileStatic
abstract class RecipeCommand implements Callable<Integer>, Validated {
    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'RECIPE', description = 'The recipe file (Groovy).')
    File recipeFile

    @Option(names = '--flavour', paramLabel = 'xcpng|kvm',
            description = 'The kind of host, instead of the recipe\'s flavour or detecting it ' +
                    '(/etc/os-release, xe/xl or virsh).')
    String flavour

    @Option(names = '--var', paramLabel = 'KEY=VALUE',
            description = 'A variable the recipe reads as vars.KEY (repeatable), ' +
                    'as an inventory\'s host variables are.')
    Map<String, String> vars = [:]

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions()

    /** Refuses a bad --flavour and --var before anything connects. */
    void validate() {
        Hosts.flavour(flavour)
        vars.keySet().each { String k ->
            if (!(k ==~ /[A-Za-z_][A-Za-z0-9_]*/)) {
                throw new UsageError("--var ${k}=...: '${k}' is not a variable name (letters, digits, _)")
            }
        }
    }

    /** The recipe file, or a usage error when there is none. */
    protected File recipe() {
        if (!recipeFile.isFile()) throw new UsageError("${recipeFile}: no such recipe file")
        recipeFile
    }

    protected Runner runner(PrintStream progress = main.out) {
        Runner r = new Runner(progress, main.err, main.live, Hosts.flavour(flavour))
        r.interruption = main.interruption
        r.announceSteps = verbosity.level() > 0
        r.width = ConsoleReporter.width(main.env)
        r
    }

    /**
     * Compiles and runs the recipe for {@code host} with the --var values; the recipe's own output goes to
     * {@code printed}.
     */
    protected Recipe load(File file, Transport host, PrintStream printed = main.out,
            FactCache cache = new FactCache()) {
        Runner.load(file, host, Hosts.flavour(flavour), new LinkedHashMap<String, Object>(vars), printed, cache)
    }
}
