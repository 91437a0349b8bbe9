package dev.passthru.runtime.cli

import dev.passthru.runtime.tape.Redactor
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic
import picocli.CommandLine.Option

/** {@code -v} / {@code -vv}: show each remote command as it runs, with its exit code (and with -vv its output). */
@CompileStatic
class VerbosityOptions {
    @Option(names = ['-v', '--verbose'], description = 'Show each remote command as it runs, with its exit code ' +
            'and time ' +
            '(on stderr); -vv also its output. Secrets are redacted; standard input is only summarised.')
    boolean[] verbose = new boolean[0]

    /** 0: quiet, 1: commands, 2: commands and their output. */
    int level() { Math.min(2, verbose.length) }

    /** The host's transport (warnings to stderr), shown on stderr as this level asks, its secrets redacted. */
    Transport open(HostOptions host, Main main) {
        wrap(Hosts.open(host, main.env, main.err), main.err, Hosts.secrets(host, main.env))
    }

    /** The transport itself when quiet, else one that shows every command on {@code to}, redacting {@code secrets}. */
    Transport wrap(Transport t, PrintStream to, Collection<String> secrets) {
        level() == 0 ? t : new VerboseTransport(t, to, level(), new Redactor(secrets))
    }
}
