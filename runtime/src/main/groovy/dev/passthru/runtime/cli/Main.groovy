package dev.passthru.runtime.cli

import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic
import picocli.CommandLine
import picocli.CommandLine.Command

/** The passthru command line. Exit codes: 0 ok, 2 a step or preflight failed, 64 usage or recipe error. */
@CompileStatic
@Command(name = 'passthru', mixinStandardHelpOptions = true, version = 'passthru 0.1.0',
        description = 'Plan, apply and verify PCI passthrough recipes on XCP-ng and KVM hosts.',
        subcommands = [FactsCommand, CheckCommand, PlanCommand, ApplyCommand, ReplayCommand, ReportCommand, ServeCommand, RecordDemoTapesCommand])
class Main implements Runnable {
    static final int EXIT_USAGE = 64

    PrintStream out
    PrintStream err
    Map<String, String> env
    boolean live
    /** Ctrl-C/SIGTERM for this run: commands stop between steps and write what they did. */
    Interruption interruption = new Interruption()

    void run() { CommandLine.usage(this, out) }

    static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), System.console() != null))
    }

    /** Runs the CLI in this process (specs call this); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean live) {
        run(args, out, err, env, live, new Interruption())
    }

    /** Runs the CLI with a given interruption (specs request it at a chosen moment); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean live, Interruption stop) {
        Main main = new Main(out: out, err: err, env: env, live: live, interruption: stop)
        CommandLine cl = new CommandLine(main)
        cl.out = new PrintWriter(out, true)
        cl.err = new PrintWriter(err, true)
        cl.parameterExceptionHandler = { CommandLine.ParameterException e, String[] a ->
            err.println("error: ${e.message}")
            err.println("(passthru ${e.commandLine.commandName == 'passthru' ? '' : e.commandLine.commandName + ' '}--help shows the options)")
            EXIT_USAGE
        } as CommandLine.IParameterExceptionHandler
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
}
