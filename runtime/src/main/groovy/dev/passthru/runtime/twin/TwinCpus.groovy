package dev.passthru.runtime.twin

import dev.passthru.runtime.demo.DemoCpu
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/** A twin's {@code cpus} list: one {@code {cpu, core, socket, node}} map per logical CPU. */
@CompileStatic
final class TwinCpus {
    static final List<String> KEYS = ['cpu', 'core', 'socket', 'node']

    private TwinCpus() {}

    static Map<String, Object> toMap(DemoCpu c) {
        [cpu: c.cpu, core: c.core, socket: c.socket, node: c.node] as Map<String, Object>
    }

    static List<DemoCpu> read(TwinFields f, List<Object> path) {
        List<Object> l = f.list(path)
        (0..<l.size()).collect { int i ->
            List<Object> at = child(path, i)
            f.map(at, KEYS)
            new DemoCpu(f.integer(child(at, 'cpu')), f.integer(child(at, 'core')), f.integer(child(at, 'socket')),
                    f.integer(child(at, 'node')))
        }
    }
}
