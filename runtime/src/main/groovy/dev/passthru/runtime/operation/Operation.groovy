package dev.passthru.runtime.operation

import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/**
 * How one flavour does one step kind: from the host's facts ({@code H}, the flavour's reader), what would change and
 * the actions that change it, or in sync. Stateless: it reads through {@code host} and keeps nothing; the engine
 * runs the actions and calls it again to verify.
 */
@CompileStatic
interface Operation<S extends Step, H> {
    Change plan(S step, H host) throws Exception
}
