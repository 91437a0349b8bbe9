package dev.passthru.spec.cli

import dev.passthru.runtime.cli.Main

import java.nio.file.Path

/** Runs the passthru command line in this JVM ({@code Main.run}) and keeps what it printed, for specs. */
class InProcessCli {
    private final Path home
    String out
    String err

    InProcessCli(Path home) { this.home = home }

    /** Runs one command; returns its exit code (the JVM is still here to return it). */
    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        ByteArrayOutputStream e = new ByteArrayOutputStream()
        int code = Main.run(args, new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'),
                [PASSTHRU_HOME: home.toString()], false)
        out = o.toString('UTF-8')
        err = e.toString('UTF-8')
        code
    }
}
