package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

/** RHEL, Fedora: grubby reads and updates every installed kernel's arguments. */
@CompileStatic
final class Grubby implements BootLoader {
    private final KvmHost host

    Grubby(KvmHost host) { this.host = host }

    String describe() { 'grubby --update-kernel=ALL' }

    List<String> cmdline() { KvmOutput.grubbyArgs(host.shell.out(KvmCommands.grubbyInfo())) }

    void change(List<String> add, List<String> remove) {
        List<String> before = cmdline()
        List<String> after = KernelArgs.apply(before, add, remove)
        Set<String> keysAfter = after.collect { KernelArgs.key(it) }.toSet()
        List<String> gone = before.findAll { !after.contains(it) && !keysAfter.contains(KernelArgs.key(it)) }
        List<String> come = after.findAll { !before.contains(it) }
        if (gone || come) host.shell.out(KvmCommands.grubbyUpdate(come, gone))
    }

    /** grubby writes the boot entries itself, in the one command: never stale. */
    String stale() { null }
}
