package dev.passthru.runtime.twin

import dev.passthru.runtime.demo.DemoKvmState
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/**
 * A KVM twin's {@code memory} list: one {@code {node, total_kib, hugepages: [{size_kib, count}]}} map per NUMA node
 * (MemTotal and this boot's huge pages, per page size the host has).
 */
@CompileStatic
final class TwinMemory {
    static final List<String> KEYS = ['node', 'total_kib', 'hugepages']
    static final List<String> PAGES = ['size_kib', 'count']

    private TwinMemory() {}

    /** The {@code memory} list of a KVM state. */
    static List<Map<String, Object>> toList(DemoKvmState s) {
        s.nodeMemKib.collect { Integer node, Long kib ->
            [node: node, total_kib: kib, hugepages: (s.hugepages[node] ?: [:]).collect { Long size, Long count ->
                [size_kib: size, count: count] as Map<String, Object>
            }] as Map<String, Object>
        }
    }

    /** Reads the {@code memory} list at {@code path} into the state (replacing what it had). */
    static void read(TwinFields f, List<Object> path, DemoKvmState s) {
        s.nodeMemKib.clear()
        s.hugepages.clear()
        List<Object> l = f.list(path)
        (0..<l.size()).each { int i ->
            List<Object> at = child(path, i)
            f.map(at, KEYS)
            int node = f.integer(child(at, 'node'))
            s.nodeMemKib[node] = f.number(child(at, 'total_kib'))
            Map<Long, Long> pages = new TreeMap<>()
            List<Object> hp = f.list(child(at, 'hugepages'))
            (0..<hp.size()).each { int j ->
                List<Object> p = child(child(at, 'hugepages'), j)
                f.map(p, PAGES)
                pages[f.number(child(p, 'size_kib'))] = f.number(child(p, 'count'))
            }
            s.hugepages[node] = pages
        }
    }
}
