package dev.passthru.runtime.cli

import groovy.transform.CompileStatic
import picocli.CommandLine
import picocli.CommandLine.Command
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/** Twin files (docs/twins.md): {@code passthru twin make}. */
@CompileStatic
@Command(name = 'twin', mixinStandardHelpOptions = true, description = 'Host twins: simulated hosts described by a ' +
        'twin file (docs/twins.md).', subcommands = [TwinMakeCommand])
class TwinCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    /** No subcommand: the usage, exit 64. */
    Integer call() {
        CommandLine.usage(this, main.err)
        Main.EXIT_USAGE
    }
}
