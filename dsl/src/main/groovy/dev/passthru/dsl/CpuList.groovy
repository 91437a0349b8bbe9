package dev.passthru.dsl

import groovy.transform.CompileStatic

/** CPU sets written as ranges for people: {@code [0,1,2,3,8]} is {@code 0-3,8}. */
@CompileStatic
final class CpuList {
    private CpuList() {}

    static String ranges(SortedSet<Integer> cpus) {
        List<String> out = []
        Integer start = null
        Integer prev = null
        cpus.each { Integer c ->
            if (start == null) { start = c; prev = c; return }
            if (c == prev + 1) { prev = c; return }
            out << span(start, prev)
            start = c
            prev = c
        }
        if (start != null) out << span(start, prev)
        out.join(',')
    }

    private static String span(int a, int b) { a == b ? "${a}" : "${a}-${b}" }
}
