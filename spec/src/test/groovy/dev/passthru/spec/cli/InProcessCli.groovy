package dev.passthru.spec.cli


import java.nio.file.Path

/** Runs the passthru command line in this JVM ({@code Main.run}) and keeps what it printed, for specs. */
class InProcessCli {
    private final Path home
    String out
    String err

    InProcessCli(Path home) { this.home = home }

    /** Runs one command; returns its exit code (the JVM is still here to return it). */
    int run(String... args) {
        CliRun r = CliRun.inHome(home, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }
}
