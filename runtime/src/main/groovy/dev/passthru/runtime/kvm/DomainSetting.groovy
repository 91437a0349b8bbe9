package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

/**
 * A setting of a libvirt domain that passthru edits, by the elements it owns: their names under one parent element of
 * {@code <domain>} (with the elements a new parent goes after, in libvirt's order). {@link ReplacedSettings} keeps
 * what a setting held before passthru's first edit of it.
 */
@CompileStatic
enum DomainSetting {
    /** pinVcpus: vcpupin and emulatorpin in cputune, the guest topology in cpu. */
    PINNING('pinning', [new Owned('cputune', ['vcpupin', 'emulatorpin'], ['iothreads', 'vcpu']),
                        new Owned('cpu', ['topology'], ['features', 'os'])]),
    /** numaMemory: the numatune memory rule. */
    NUMA_MEMORY('numaMemory', [new Owned('numatune', ['memory'], ['cputune', 'iothreads', 'vcpu'])]),
    /**
     * hugepages: memoryBacking hugepages, and the allocation (ondemand) and memory source (anonymous) libvirt refuses
     * with them.
     */
    HUGEPAGES('hugepages', [new Owned('memoryBacking', ['hugepages', 'allocation', 'source'],
            ['currentMemory', 'memory'])])

    /** The name of this setting's record in passthru's metadata. */
    final String record
    final List<Owned> owned

    private DomainSetting(String record, List<Owned> owned) {
        this.record = record
        this.owned = owned
    }

    /** Elements named {@code names} under the domain's {@code parent} element. */
    static final class Owned {
        final String parent
        final List<String> names
        final List<String> after

        Owned(String parent, List<String> names, List<String> after) {
            this.parent = parent
            this.names = names
            this.after = after
        }
    }
}
