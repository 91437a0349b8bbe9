package dev.passthru.runtime.operation

import dev.passthru.runtime.engine.PlannedCommand
import groovy.transform.CompileStatic

/** One thing apply does on the host for a change: run a command, or wait until the host shows something. */
@CompileStatic
interface Action {
    /** How a plan lists it. */
    PlannedCommand planned()

    /** Does it; throws (StepFailedException, RemoteCommandException ...) when it cannot. */
    void run(ActionContext context) throws Exception
}
