package dev.passthru.runtime.cli

import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic
import sun.misc.Signal

/**
 * Ctrl-C and SIGTERM for the CLI process: the first asks the run to stop (it finishes its journal, releases the
 * host lock and exits 130); a second one, while the run is still winding down, ends the process at once.
 */
@CompileStatic
final class Signals {
    private Signals() {}

    /** Routes SIGINT and SIGTERM to {@code stop}; {@code err} hears what happens. */
    static void install(Interruption stop, PrintStream err) {
        ['INT', 'TERM'].each { String name ->
            Signal.handle(new Signal(name)) { Signal s ->
                if (stop.requested) {
                    err.println("\npassthru: SIG${name} again: exiting now " +
                            '(the journal may still say the step was running)')
                    Runtime.runtime.halt(Interruption.EXIT_INTERRUPTED)
                }
                err.println("\npassthru: SIG${name}: stopping after the running command (again to exit at once)")
                stop.request(name)
            }
        }
    }
}
