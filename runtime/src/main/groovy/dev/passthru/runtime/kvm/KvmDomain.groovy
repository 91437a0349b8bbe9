package dev.passthru.runtime.kvm

import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.HostCommand
import groovy.transform.CompileStatic

/** What the KVM operations on one domain's persistent configuration share: define, and the restart note. */
@CompileStatic
final class KvmDomain {
    private KvmDomain() {}

    /** A change to {@code vm}'s persistent configuration; it takes effect at the next start if the VM runs. */
    static Change change(KvmHost host, String vm, List<String> diff, List<Action> actions) {
        Change c = Change.of(diff, actions)
        host.state(vm).running ? c.restarting(vm, 'the change to its persistent configuration') : c
    }

    /** The same, by defining the domain anew from {@code xml}. */
    static Change define(KvmHost host, String vm, List<String> diff, String xml) {
        change(host, vm, diff, [new HostCommand(KvmCommands.define(), xml) as Action])
    }

    /** The same, with a note for the user. */
    static Change define(KvmHost host, String vm, List<String> diff, String xml, String note) {
        Change c = Change.of(diff, [new HostCommand(KvmCommands.define(), xml) as Action], note)
        host.state(vm).running ? c.restarting(vm, 'the change to its persistent configuration') : c
    }

    /**
     * The note for an edit that replaces {@code what} settings passthru did not make (null when it replaces none, or
     * only its own): they are kept in the domain, and {@code undo} gives them back.
     */
    static String keptNote(String xml, DomainSetting setting, boolean hadAny, String what, String undo) {
        hadAny && !DomainXml.replaced(xml, setting)
                ? "the ${what} it replaces is kept in the domain's metadata; ${undo} gives it back".toString() : null
    }
}
