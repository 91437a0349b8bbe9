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
}
