package dev.passthru.runtime.numa

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One logical CPU as {@code lscpu -p=CPU,CORE,SOCKET,NODE} lists it. */
@CompileStatic
@EqualsAndHashCode
final class CpuRow {
    final int cpu
    final int core
    final int socket
    final int node

    CpuRow(int cpu, int core, int socket, int node) {
        this.cpu = cpu
        this.core = core
        this.socket = socket
        this.node = node
    }

    @Override
    String toString() { "cpu${cpu}(core ${core}, socket ${socket}, node ${node})" }
}
