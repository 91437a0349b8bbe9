package dev.passthru.runtime.demo

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/** One logical CPU of a simulated host: its number, core, socket and NUMA node. */
@CompileStatic
@EqualsAndHashCode
final class DemoCpu {
    final int cpu
    final int core
    final int socket
    final int node

    DemoCpu(int cpu, int core, int socket, int node) {
        this.cpu = cpu
        this.core = core
        this.socket = socket
        this.node = node
    }

    /**
     * {@code sockets} x {@code cores} x {@code threads} CPUs numbered as Intel numbers them (siblings are n and
     * n + sockets * cores), one NUMA node per socket.
     */
    static List<DemoCpu> grid(int sockets, int cores, int threads) {
        int perThread = sockets * cores
        (0..<(perThread * threads)).collect { int n ->
            int core = n % perThread
            int socket = core.intdiv(cores)
            new DemoCpu(n, core, socket, socket)
        }
    }
}
