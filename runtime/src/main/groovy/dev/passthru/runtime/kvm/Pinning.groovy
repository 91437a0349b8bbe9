package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

/** vCPU pinning as libvirt holds it: vCPU to host cpuset, the emulator's cpuset, and the guest topology. */
@CompileStatic
@groovy.transform.EqualsAndHashCode
final class Pinning {
    final Map<Integer, String> vcpus
    final String emulator
    final Topology topology

    Pinning(Map<Integer, String> vcpus, String emulator, Topology topology) {
        this.vcpus = Collections.unmodifiableMap(new TreeMap<Integer, String>(vcpus))
        this.emulator = emulator
        this.topology = topology
    }

    boolean isEmpty() { vcpus.isEmpty() && emulator == null && topology == null }

    /** One line for a diff: {@code vcpupin 0:2 1:10; emulatorpin 1,9; topology 1 socket x 2 cores x 2 threads}. */
    String describe() {
        if (isEmpty()) return '(not pinned)'
        List<String> parts = []
        parts << (vcpus ? "vcpupin ${vcpus.collect { Integer v, String c -> "${v}:${c}" }.join(' ')}".toString()
                : 'no vcpupin')
        parts << (emulator ? "emulatorpin ${emulator}".toString() : 'no emulatorpin')
        parts << (topology ? "topology ${topology}".toString() : 'no topology')
        parts.join('; ')
    }
}
