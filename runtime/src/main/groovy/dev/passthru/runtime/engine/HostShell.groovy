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
    String out(String command) {
        CommandResult r = transport.run(command)
        if (r.exit != 0) throw new RemoteCommandException(r)
        r.stdout
    }
}
