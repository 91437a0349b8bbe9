package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A set of CPU numbers kept as sorted, disjoint, non-adjacent ranges, so {@code 0..2000000000} costs two
 * numbers, not two billion: what a recipe pins is checked against the host by ranges, and only a set the
 * host has is ever listed one CPU at a time.
 */
@CompileStatic
final class CpuSet implements Iterable<Integer> {
    /** No CPU. */
    static final CpuSet EMPTY = new CpuSet(new long[0], new long[0])

    private final long[] froms
    private final long[] tos

    private CpuSet(long[] froms, long[] tos) {
        this.froms = froms
        this.tos = tos
    }

    /** The CPUs {@code from} to {@code to}, both included (empty when {@code to < from}). */
    static CpuSet range(long from, long to) { to < from ? EMPTY : new CpuSet([from] as long[], [to] as long[]) }

    /** The set of the given CPU numbers. */
    static CpuSet of(Collection<Integer> cpus) {
        List<Integer> sorted = new ArrayList<Integer>(cpus).sort()
        List<long[]> spans = []
        sorted.each { Integer c ->
            if (spans && c <= spans.last()[1] + 1) spans.last()[1] = Math.max(spans.last()[1], (long) c)
            else spans << ([c, c] as long[])
        }
        fromSpans(spans)
    }

    /** Every CPU in this set or the other. */
    CpuSet plus(CpuSet other) {
        List<long[]> all = []
        for (int i = 0; i < froms.length; i++) all << ([froms[i], tos[i]] as long[])
        for (int i = 0; i < other.froms.length; i++) all << ([other.froms[i], other.tos[i]] as long[])
        all.sort { long[] a, long[] b -> a[0] <=> b[0] }
        List<long[]> merged = []
        all.each { long[] s ->
            if (merged && s[0] <= merged.last()[1] + 1) merged.last()[1] = Math.max(merged.last()[1], s[1])
            else merged << ([s[0], s[1]] as long[])
        }
        fromSpans(merged)
    }

    /** The CPUs of this set that the other does not have. */
    CpuSet minus(CpuSet other) {
        List<long[]> out = []
        for (int i = 0; i < froms.length; i++) {
            long from = froms[i]
            long to = tos[i]
            for (int j = 0; j < other.froms.length && from <= to; j++) {
                if (other.tos[j] < from || other.froms[j] > to) continue
                if (other.froms[j] > from) out << ([from, other.froms[j] - 1] as long[])
                from = other.tos[j] + 1
            }
            if (from <= to) out << ([from, to] as long[])
        }
        fromSpans(out)
    }

    /** True when the set holds this CPU. */
    boolean contains(long cpu) {
        for (int i = 0; i < froms.length; i++) if (cpu >= froms[i] && cpu <= tos[i]) return true
        false
    }

    /** How many CPUs the set holds. */
    long size() {
        long n = 0
        for (int i = 0; i < froms.length; i++) n += tos[i] - froms[i] + 1
        n
    }

    /** True when the set holds no CPU. */
    boolean isEmpty() { froms.length == 0 }

    /** The lowest CPU (the set must not be empty). */
    long first() { froms[0] }

    /** The highest CPU (the set must not be empty). */
    long last() { tos[tos.length - 1] }

    /** The CPUs one by one, lowest first; for sets already checked against a host. */
    SortedSet<Integer> toSortedSet() {
        if (size() > Integer.MAX_VALUE) throw new IllegalStateException("${this} is too many CPUs to list")
        SortedSet<Integer> out = new TreeSet<Integer>()
        for (Integer c : this) out << c
        out
    }

    @Override
    Iterator<Integer> iterator() {
        new Iterator<Integer>() {
            int span = 0
            long next = froms.length ? froms[0] : 0

            boolean hasNext() { span < froms.length }

            Integer next() {
                if (!hasNext()) throw new NoSuchElementException()
                long c = next
                if (c == tos[span]) { span++; next = span < froms.length ? froms[span] : 0 } else next = c + 1
                (Integer) (int) c
            }
        }
    }

    /** For people: {@code 0-3,8}. */
    @Override
    String toString() {
        List<String> parts = []
        for (int i = 0; i < froms.length; i++) {
            parts << (froms[i] == tos[i] ? "${froms[i]}" : "${froms[i]}-${tos[i]}").toString()
        }
        parts.join(',')
    }

    @Override
    boolean equals(Object o) {
        o instanceof CpuSet && Arrays.equals(froms, ((CpuSet) o).froms) && Arrays.equals(tos, ((CpuSet) o).tos)
    }

    @Override
    int hashCode() { 31 * Arrays.hashCode(froms) + Arrays.hashCode(tos) }

    private static CpuSet fromSpans(List<long[]> spans) {
        new CpuSet(spans.collect { long[] s -> s[0] } as long[], spans.collect { long[] s -> s[1] } as long[])
    }
}
