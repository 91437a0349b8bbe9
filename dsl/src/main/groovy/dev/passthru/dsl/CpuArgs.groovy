package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Turns what a recipe passes as CPUs (numbers, ranges, lists of them) into a {@link CpuSet}, never listing a range. */
@CompileStatic
final class CpuArgs {
    private CpuArgs() {}

    /** The CPUs {@code args} name; a negative, a downward range or a non-number is a recipe error at its line. */
    static CpuSet of(Locator locator, String method, List args) {
        CpuSet set = CpuSet.EMPTY
        args.each { Object a -> set = set + one(locator, method, a) }
        if (set.isEmpty()) throw locator.error("${method}: names no CPU")
        set
    }

    private static CpuSet one(Locator locator, String method, Object a) {
        if (a instanceof CpuSet) return (CpuSet) a
        if (a instanceof EmptyRange) return CpuSet.EMPTY
        if (a instanceof Range) return range(locator, method, (Range) a)
        if (a instanceof Collection) return of(locator, method, (a as Collection).toList())
        if (!(a instanceof Integer)) throw locator.error("${method}: '${a}' is not a CPU number")
        int n = (Integer) a
        if (n < 0) throw locator.error("${method}: CPU ${n} is negative")
        CpuSet.range(n, n)
    }

    /** A range by its ends (never by its elements: a range's toString or size may list them). */
    private static CpuSet range(Locator locator, String method, Range r) {
        Comparable from = r.from
        Comparable to = r.to
        if (!((from instanceof Integer || from instanceof Long) && (to instanceof Integer || to instanceof Long))) {
            throw locator.error("${method}: '${from}..${to}' is not a range of CPU numbers")
        }
        long low = ((Number) from).longValue()
        long high = ((Number) to).longValue()
        if (r.reverse) throw locator.error("${method}: ${high}..${low} counts down; write ${low}..${high}")
        if (high < low) return CpuSet.EMPTY
        if (low < 0) throw locator.error("${method}: CPU ${low} is negative")
        CpuSet.range(low, high)
    }
}
