package dev.passthru.runtime.operation

import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.Facts
import groovy.transform.CompileStatic

/** What actions run with: the run's shell (its writes refresh the facts), its facts, and how it waits. */
@CompileStatic
final class ActionContext {
    final HostShell shell
    final Facts facts
    final Rebooter.Pause pause

    ActionContext(Facts facts, Rebooter.Pause pause) {
        this.facts = facts
        this.shell = new HostShell(facts.transport())
        this.pause = pause
    }
}
