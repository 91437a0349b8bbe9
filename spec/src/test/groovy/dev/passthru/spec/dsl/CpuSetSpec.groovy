package dev.passthru.spec.dsl

import dev.passthru.dsl.CpuSet
import spock.lang.Specification
import spock.lang.Timeout

/** CPU sets as ranges: a huge range costs two numbers, and sets are compared with the host's by ranges. */
@Timeout(10)
class CpuSetSpec extends Specification {
    def "#cpus is written #text, holds #size CPUs"() {
        expect:
        CpuSet.of(cpus).toString() == text
        CpuSet.of(cpus).size() == size
        CpuSet.of(cpus).toSortedSet() as List == (cpus as SortedSet) as List

        where:
        cpus                    || text          | size
        []                      || ''            | 0
        [3]                     || '3'           | 1
        [0, 1, 2, 3, 8]         || '0-3,8'       | 5
        [8, 3, 2, 1, 0, 8]      || '0-3,8'       | 5
        [1, 3, 5]               || '1,3,5'       | 3
        [4, 5, 6, 7, 12, 13]    || '4-7,12-13'   | 6
    }

    def "#a minus #b is #left; #a plus #b is #both"() {
        expect:
        (a - b).toString() == left
        (a + b).toString() == both

        where:
        a                                  | b                               || left                       | both
        CpuSet.range(0, 2000000000)        | CpuSet.range(0, 15)             || '16-2000000000'            | '0-2000000000'
        CpuSet.range(14, 17)               | CpuSet.range(0, 15)             || '16-17'                    | '0-17'
        CpuSet.of([2, 3, 10, 11])          | CpuSet.of([0, 1, 2, 3, 8, 9])   || '10-11'                    | '0-3,8-11'
        CpuSet.range(0, 15)                | CpuSet.of([4, 5, 6, 7])         || '0-3,8-15'                 | '0-15'
        CpuSet.range(5, Integer.MAX_VALUE) | CpuSet.range(0, 4)              || "5-${Integer.MAX_VALUE}"   | "0-${Integer.MAX_VALUE}"
        CpuSet.of([1])                     | CpuSet.of([2])                  || '1'                        | '1-2'
        CpuSet.EMPTY                       | CpuSet.range(0, 3)              || ''                         | '0-3'
    }

    def "membership, bounds and equality work on ranges, without listing them"() {
        given:
        CpuSet huge = CpuSet.range(0, 2000000000)

        expect:
        huge.size() == 2000000001L
        huge.contains(1999999999)
        !huge.contains(2000000001)
        huge.first() == 0 && huge.last() == 2000000000
        CpuSet.of([0, 1, 2]) == CpuSet.range(0, 2)
        CpuSet.of([0, 2]) != CpuSet.range(0, 2)
        (CpuSet.of([4, 5, 9]) as List) == [4, 5, 9]
    }
}
