package dev.passthru.runtime.facts

import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/** A fact made of a command and a parser: {@link #output} for commands that must exit 0, {@link #of} for the rest. */
@CompileStatic
final class CommandFact<T> implements Fact<T> {
    private final String command
    private final Lifetime lifetime
    private final Reads<T> parser

    /** Reads a value from a command's whole result; may throw (the output cannot be read, the command failed). */
    static interface Reads<T> { T from(CommandResult result) throws Exception }

    /** Reads a value from a command's standard output; may throw OutputFormatException. */
    static interface Parses<T> { T from(String stdout) throws Exception }

    private CommandFact(String command, Lifetime lifetime, Reads<T> parser) {
        this.command = command
        this.lifetime = lifetime
        this.parser = parser
    }

    /** A command whose exit status is part of the answer (an optional file, grep finding nothing). */
    static <T> CommandFact<T> of(String command, Reads<T> parser) {
        new CommandFact<T>(command, Lifetime.UNTIL_WRITE, parser)
    }

    /** A command that must exit 0 (else RemoteCommandException naming it); its standard output is parsed. */
    static <T> CommandFact<T> output(String command, Parses<T> parser) {
        new CommandFact<T>(command, Lifetime.UNTIL_WRITE, { CommandResult r ->
            if (r.exit != 0) throw new RemoteCommandException(r)
            parser.from(r.stdout)
        } as Reads<T>)
    }

    /** The same fact, holding until the host reboots rather than until the next write. */
    CommandFact<T> untilReboot() { new CommandFact<T>(command, Lifetime.UNTIL_REBOOT, parser) }

    /** The same fact, holding for the whole run, reboots included (what no reboot changes: a VM's uuid). */
    CommandFact<T> forTheRun() { new CommandFact<T>(command, Lifetime.RUN, parser) }

    String command() { command }

    Lifetime lifetime() { lifetime }

    T parse(CommandResult result) throws Exception { parser.from(result) }

    String toString() { command }
}
