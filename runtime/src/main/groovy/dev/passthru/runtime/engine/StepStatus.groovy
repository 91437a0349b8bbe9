package dev.passthru.runtime.engine

import groovy.transform.CompileStatic

/** How a step ended. */
@CompileStatic
enum StepStatus {
    /** Already so: nothing done. */
    OK('ok'),
    /** Done and verified. */
    CHANGED('changed'),
    /** plan: would be done. */
    WOULD_CHANGE('would change'),
    /** plan: can only be checked after an earlier step (a reboot) has run. */
    PENDING('pending'),
    /** Could not be done or did not verify. */
    FAILED('FAILED'),
    /** Stopped by Ctrl-C or SIGTERM while it ran: it may be half done (its next check says). */
    INTERRUPTED('INTERRUPTED'),
    /** Not tried, because an earlier step failed or the run was interrupted. */
    SKIPPED('skipped')

    final String label

    StepStatus(String label) { this.label = label }
}
