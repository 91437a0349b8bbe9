package dev.passthru.runtime.facts

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * One thing passthru reads from a host: the read-only command that shows it, a pure parser from that command's result
 * to a typed value, and how long the value holds. {@link Facts} runs the command at most once per lifetime.
 */
@CompileStatic
interface Fact<T> {
    /** The command line (read only: {@link dev.passthru.runtime.shell.CommandKind} says READ). */
    String command()

    /** Until when a value read once holds. */
    Lifetime lifetime()

    /** The value, from the command's result; pure (no host access). Throws on output it cannot read. */
    T parse(CommandResult result) throws Exception
}
