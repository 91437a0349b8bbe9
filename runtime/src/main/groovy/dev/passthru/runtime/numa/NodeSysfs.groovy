package dev.passthru.runtime.numa

import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Readers of the kernel's per-node memory files (drivers/base/node.c): {@code grep -H MemTotal} over
 * {@code /sys/devices/system/node/node*}{@code /meminfo} ("Node %d MemTotal:       %8lu kB") and {@code grep -H .} over
 * {@code /sys/devices/system/node/node*}{@code /hugepages/hugepages-SIZEkB/nr_hugepages}.
 */
@CompileStatic
final class NodeSysfs {
    static final String MEM_TOTALS = 'grep -H MemTotal /sys/devices/system/node/node*/meminfo'
    static final String HUGEPAGES = 'grep -H . /sys/devices/system/node/node*/hugepages/hugepages-*/nr_hugepages'

    private static final Pattern MEM_LINE =
            ~/^\/sys\/devices\/system\/node\/node(\d+)\/meminfo:Node (\d+) MemTotal:\s+(\d+) kB$/
    private static final Pattern HUGE_LINE =
            ~/^\/sys\/devices\/system\/node\/node(\d+)\/hugepages\/hugepages-(\d+)kB\/nr_hugepages:(\d+)$/

    private NodeSysfs() {}

    /** Node to MemTotal in KiB. */
    static Map<Integer, Long> memTotals(String text) {
        Map<Integer, Long> m = new TreeMap<>()
        lines(text).each { String l ->
            Matcher g = MEM_LINE.matcher(l)
            if (!g.matches() || g.group(1) != g.group(2)) {
                throw new OutputFormatException("node meminfo: cannot read '${l}' (expected " +
                        '/sys/devices/system/node/nodeN/meminfo:Node N MemTotal: KIB kB)')
            }
            m[Integer.parseInt(g.group(1))] = Long.parseLong(g.group(3))
        }
        m
    }

    /** Node to (page size in KiB to the number of huge pages reserved). */
    static Map<Integer, Map<Long, Long>> hugepages(String text) {
        Map<Integer, Map<Long, Long>> m = new TreeMap<>()
        lines(text).each { String l ->
            Matcher g = HUGE_LINE.matcher(l)
            if (!g.matches()) {
                throw new OutputFormatException("node hugepages: cannot read '${l}' (expected " +
                        '/sys/devices/system/node/nodeN/hugepages/hugepages-SIZEkB/nr_hugepages:COUNT)')
            }
            m.computeIfAbsent(Integer.parseInt(g.group(1))) { new TreeMap<Long, Long>() }[
                    Long.parseLong(g.group(2))] = Long.parseLong(g.group(3))
        }
        m
    }

    /** Each node's memory, from both listings (either may be empty: a kernel without NUMA sysfs). */
    static List<NodeMemory> nodes(Map<Integer, Long> totals, Map<Integer, Map<Long, Long>> hugepages) {
        (new TreeSet<Integer>(totals.keySet() + hugepages.keySet())).collect { Integer n ->
            new NodeMemory(n, totals[n], hugepages[n] ?: [:] as Map<Long, Long>)
        }
    }

    private static List<String> lines(String text) { text.readLines()*.trim().findAll { it } }
}
