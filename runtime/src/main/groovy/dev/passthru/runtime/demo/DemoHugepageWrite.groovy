package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * A write to a node's nr_hugepages on the KVM demo host: the kernel frees down to a lower count, and allocates up to a
 * higher one only as far as the node's memory allows (mm/hugetlb.c: it stops at the first failed allocation, so the
 * file then reads fewer pages than written).
 */
@CompileStatic
final class DemoHugepageWrite {
    static final String PATTERN = '^/sys/devices/system/node/node(\\d+)/hugepages/hugepages-(\\d+)kB/nr_hugepages$'
    private final DemoKvmState state

    DemoHugepageWrite(DemoKvmState state) { this.state = state }

    /** Whether {@code path} is a node's nr_hugepages file this host has. */
    boolean has(String path) {
        Matcher m = path =~ PATTERN
        m.matches() && state.hugepages[m.group(1) as int]?.containsKey(m.group(2) as long)
    }

    /** Writes {@code count} pages ({@code has(path)} must hold). */
    void write(String path, long count) {
        Matcher m = path =~ PATTERN
        m.matches()
        int node = m.group(1) as int
        long size = m.group(2) as long
        long room = state.prep.hugepageRoomKib[node] ?: state.nodeMemKib[node] ?: 0L
        state.hugepages[node][size] = Math.min(count, room.intdiv(size) as long)
    }
}
