package dev.passthru.dsl

import groovy.transform.CompileStatic

/** CPU sets written as ranges for people: {@code [0,1,2,3,8]} is {@code 0-3,8} (see {@link CpuSet}). */
@CompileStatic
final class CpuList {
    private CpuList() {}

    static String ranges(Collection<Integer> cpus) { CpuSet.of(cpus).toString() }
}
