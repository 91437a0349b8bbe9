package dev.passthru.runtime.twinmake

import dev.passthru.runtime.facts.Lifetime
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * A tape read as the host it was recorded on stood before the recording changed it: a read is answered as it was
 * first recorded if that was before the first write (or, for what only a reboot changes, such as /proc/cmdline,
 * before the first reboot); any other command is a {@link NotRecordedException} saying why. Writes are refused.
 */
@CompileStatic
final class RecordedHost implements Transport {
    private final Tape tape
    private final String name

    /** The host of {@code tape}, named {@code name} (the tape's file) in messages. */
    RecordedHost(Tape tape, String name) {
        this.tape = tape
        this.name = name
    }

    @Override
    CommandResult run(String command) { run(command, null) }

    @Override
    CommandResult run(String command, String stdin) {
        if (ReadCommands.of(command, stdin) == CommandKind.WRITE) {
            throw new IllegalStateException("a twin is made by reading only; refused `${command}`")
        }
        boolean bootScoped = ReadCommands.lifetime(command) != Lifetime.UNTIL_WRITE
        boolean written = false
        for (Interaction i : tape.interactions) {
            if (i.event == Interaction.REBOOT) break
            if (i.event) continue
            if (i.command == command && i.stdin == null && i.error == null && (!written || bootScoped)) {
                return i.toResult()
            }
            if (ReadCommands.of(i.command, i.stdin) == CommandKind.WRITE) written = true
        }
        boolean seen = tape.interactions.any { Interaction i -> i.command == command }
        throw new NotRecordedException(seen
                ? "`${command}` is recorded only after the recording changed the host"
                : "`${command}` is not in the recording")
    }

    /**
     * The first recorded result of {@code command} anywhere in the tape (after changes and reboots too: what a tool
     * prints when it runs, the kernel's messages in a later boot), or null when it never ran.
     */
    CommandResult anywhere(String command) {
        Interaction i = tape.interactions.find { Interaction x -> x.command == command && x.error == null }
        i?.toResult()
    }

    @Override
    void reconnect() {}

    @Override
    void close() {}

    @Override
    String label() { name }
}
