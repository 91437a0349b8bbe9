package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.interrupt.Interruption

import java.nio.file.Path

/** One run of the passthru CLI in this JVM, as an operator types it: its exit code, stdout and stderr. */
class CliRun {
    final int code
    final String out
    final String err

    private CliRun(int code, String out, String err) {
        this.code = code
        this.out = out
        this.err = err
    }

    /** Runs {@code args} with PASSTHRU_HOME at {@code tmp}/home; {@code stop} is the run's Ctrl-C. */
    static CliRun of(Path tmp, List<String> args, Map<String, String> env = [:], Interruption stop = new Interruption(),
                     Closure<PrintStream> wrapOut = { OutputStream o -> new PrintStream(o, true, 'UTF-8') }) {
        inHome(tmp.resolve('home'), args, env, stop, wrapOut)
    }

    /** Runs {@code args} with PASSTHRU_HOME at {@code home}. */
    static CliRun inHome(Path home, List<String> args, Map<String, String> env = [:], Interruption stop = new Interruption(),
                         Closure<PrintStream> wrapOut = { OutputStream o -> new PrintStream(o, true, 'UTF-8') }) {
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        ByteArrayOutputStream e = new ByteArrayOutputStream()
        Map<String, String> all = [PASSTHRU_HOME: home.toString()] + env
        int code = Main.run(args as String[], wrapOut(o), new PrintStream(e, true, 'UTF-8'), all, false, stop)
        new CliRun(code, o.toString('UTF-8'), e.toString('UTF-8'))
    }
}
