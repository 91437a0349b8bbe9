package dev.passthru.runtime.operation

import dev.passthru.dsl.RebootStep
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.StepFailedException
import groovy.transform.CompileStatic

/**
 * One flavour's operations by step kind: the one place a flavour says which steps it does. {@link #on} ties a step
 * class to an operation for exactly that class (the compiler checks the pair); a step kind without one is refused at
 * preflight with the flavour's reason.
 */
@CompileStatic
final class Operations<H> {
    private final String flavour
    private final Map<Class<? extends Step>, Operation<? extends Step, H>> byKind = [:]
    private final Map<Class<? extends Step>, String> refused = [:]

    Operations(String flavour) { this.flavour = flavour }

    /** {@code kind} is done by {@code operation}. */
    def <S extends Step> Operations<H> on(Class<S> kind, Operation<S, H> operation) {
        byKind[kind] = operation
        this
    }

    /** {@code kind} is not done by this flavour, for {@code reason} (preflight says so). */
    Operations<H> refuse(Class<? extends Step> kind, String reason) {
        refused[kind] = reason
        this
    }

    /** Why this flavour cannot do the step, or null when it can. */
    String refusal(Step step) { refusal(step.getClass()) }

    /** Why this flavour cannot do steps of this kind, or null when it can (a reboot is the engine's own). */
    String refusal(Class<? extends Step> kind) {
        if (byKind.containsKey(kind) || kind == RebootStep) return null
        refused[kind] ?: "the ${flavour} flavour has no operation for ${kind.simpleName}".toString()
    }

    /** The step kinds this flavour does. */
    Set<Class<? extends Step>> kinds() { Collections.unmodifiableSet(byKind.keySet()) }

    /** The step's change on this host. */
    @SuppressWarnings('unchecked')
    Change plan(Step step, H host) {
        Operation<Step, H> op = (Operation<Step, H>) byKind[step.getClass()]
        if (op == null) throw new StepFailedException(refusal(step))
        op.plan(step, host)
    }
}
