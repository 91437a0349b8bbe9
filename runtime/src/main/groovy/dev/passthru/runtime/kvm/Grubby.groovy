package dev.passthru.runtime.kvm

import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** RHEL, Fedora: grubby reads and updates every installed kernel's arguments. */
@CompileStatic
final class Grubby implements BootLoader {
    private final KvmHost host

    Grubby(KvmHost host) { this.host = host }

    String describe() { 'grubby --update-kernel=ALL' }

    List<String> cmdline() { host.facts.read(KvmFacts.GRUBBY_ARGS) }

    List<Action> change(List<String> add, List<String> remove) {
        List<String> before = cmdline()
        List<String> after = KernelArgs.apply(before, add, remove)
        Set<String> keysAfter = after.collect { KernelArgs.key(it) }.toSet()
        List<String> gone = before.findAll { !after.contains(it) && !keysAfter.contains(KernelArgs.key(it)) }
        List<String> come = after.findAll { !before.contains(it) }
        gone || come ? [new HostCommand(KvmCommands.grubbyUpdate(come, gone)) as Action] : [] as List<Action>
    }

    /** grubby writes the boot entries itself, in the one command: never stale. */
    String stale() { null }
}
