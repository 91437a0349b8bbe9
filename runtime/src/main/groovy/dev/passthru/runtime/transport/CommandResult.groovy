package dev.passthru.runtime.transport

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** What a remote command did: exit status, standard output and standard error, as text. */
@CompileStatic
@EqualsAndHashCode
final class CommandResult {
    final String command
    final int exit
    final String stdout
    final String stderr

    CommandResult(String command, int exit, String stdout, String stderr) {
        this.command = command
        this.exit = exit
        this.stdout = stdout
        this.stderr = stderr
    }

    @Override
    String toString() { "`${command}` -> exit ${exit}" }
}
