package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

/** A guest CPU topology: sockets x cores x threads. */
@CompileStatic
@groovy.transform.EqualsAndHashCode
final class Topology {
    final Integer sockets
    final Integer cores
    final Integer threads

    Topology(Integer sockets, Integer cores, Integer threads) {
        this.sockets = sockets
        this.cores = cores
        this.threads = threads
    }

    @Override
    String toString() { "${sockets} socket x ${cores} cores x ${threads} threads" }
}
