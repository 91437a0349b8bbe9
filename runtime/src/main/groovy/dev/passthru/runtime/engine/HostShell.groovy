package dev.passthru.runtime.engine

import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/** Runs commands that must succeed: a non-zero exit becomes a RemoteCommandException naming the command. */
@CompileStatic
class HostShell {
    final Transport transport

    HostShell(Transport transport) { this.transport = transport }

    /** Standard output of a command that must exit 0. */
    String out(String command) { out(command, null) }

    /** Standard output of a command that must exit 0, given {@code stdin} as its input. */
    String out(String command, String stdin) {
        CommandResult r = transport.run(command, stdin)
        if (r.exit != 0) throw new RemoteCommandException(r)
        r.stdout
    }

    /**
     * The full result, whatever the exit (for commands whose non-zero exit is an answer, like grep or cat of an
     * optional file).
     */
    CommandResult run(String command) { transport.run(command) }
}
