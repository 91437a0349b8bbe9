package dev.passthru.runtime.cli

import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic
import picocli.CommandLine
import picocli.CommandLine.Command

import java.util.concurrent.Callable

/**
 * The passthru command line. Exit codes: 0 ok, 2 a step or preflight failed, 64 usage or recipe error,
 * 130 interrupted.
 */
@CompileStatic
@Command(name = 'passthru', mixinStandardHelpOptions = true, version = 'passthru 0.1.0',
        description = 'Plan, apply and verify PCI passthrough recipes on XCP-ng and KVM hosts.',
        footer = ['',
                'Exit codes: 0 ok, 1 check found errors, 2 a step or the preflight failed ' +
                        '(or the host could not be reached),',
                '64 usage or recipe error, 130 interrupted (Ctrl-C, SIGTERM).',
                'passthru help COMMAND (or COMMAND --help) shows its options.'],
        subcommands = [FactsCommand, CheckCommand, PlanCommand, ApplyCommand, ReplayCommand, ReportCommand,
                JournalsCommand, InstallCommand, ServeCommand, TestCommand, TwinCommand, RecordDemoTapesCommand,
                CommandLine.HelpCommand])
class Main implements Callable<Integer> {
    static final int EXIT_USAGE = 64

    PrintStream out
    PrintStream err
    Map<String, String> env
    boolean live
    /** Ctrl-C/SIGTERM for this run: commands stop between steps and write what they did. */
    Interruption interruption = new Interruption()

    /** No command given: the usage, on stderr, exit 64 (as a shell expects of a mistake). */
    Integer call() {
        CommandLine.usage(this, err)
        EXIT_USAGE
    }

    static void main(String[] args) {
        Interruption stop = new Interruption()
        Signals.install(stop, System.err)
        System.exit(run(args, System.out, System.err, System.getenv(), System.console() != null, stop))
    }

    /** Runs the CLI in this process (specs call this); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean live) {
        run(args, out, err, env, live, new Interruption())
    }

    /** Runs the CLI with a given interruption (specs request it at a chosen moment); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean live,
            Interruption stop) {
        Main main = new Main(out: out, err: err, env: env, live: live, interruption: stop)
        CommandLine cl = new CommandLine(main)
        cl.out = new PrintWriter(out, true)
        cl.err = new PrintWriter(err, true)
        cl.parameterExceptionHandler = { CommandLine.ParameterException e, String[] a ->
            err.println("error: ${e.message}")
            String verb = e.commandLine.commandName == 'passthru' ? '' : e.commandLine.commandName + ' '
            err.println("(passthru ${verb}--help shows the options)")
            EXIT_USAGE
        } as CommandLine.IParameterExceptionHandler
        cl.executionStrategy = { CommandLine.ParseResult parsed ->
            validate(parsed)
            new CommandLine.RunLast().execute(parsed)
        } as CommandLine.IExecutionStrategy
        cl.executionExceptionHandler = { Exception e, CommandLine c, CommandLine.ParseResult p ->
            if (e instanceof UsageError) {
                err.println("error: ${e.message}")
                return EXIT_USAGE
            }
            if (e instanceof IOException) {
                err.println("error: ${e.message}")
                return 2
            }
            throw e
        } as CommandLine.IExecutionExceptionHandler
        cl.execute(args)
    }

    /**
     * Checks every parsed command's and mixin's values; a bad one is a parameter error (exit 64, with the help
     * hint).
     */
    private static void validate(CommandLine.ParseResult parsed) {
        for (CommandLine line : parsed.asCommandLineList()) {
            List<Object> parts = [line.commandSpec.userObject()] + line.commandSpec.mixins().values()*.userObject()
            parts.each { Object o ->
                try {
                    if (o instanceof Validated) ((Validated) o).validate()
                } catch (UsageError e) {
                    throw new CommandLine.ParameterException(line, e.message)
                }
            }
        }
    }
}
