package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/** The KVM demo's huge pages at boot: the pools the kernel command line asks for, per NUMA node. Pure. */
@CompileStatic
final class DemoBootHugepages {
    private DemoBootHugepages() {}

    /**
     * The boot-time huge page pools the command line asks for (kernel-parameters.txt: {@code hugepagesz=} picks the
     * size the next {@code hugepages=} counts, else {@code default_hugepagesz=} or 2M; {@code hugepages=N} is spread
     * over the nodes with memory in turn, starting at node 0 (mm/hugetlb.c interleaves boot allocations);
     * {@code hugepages=0:N,1:M} puts them on the nodes named), each node giving no more than its memory holds.
     * {@code hugepages} holds, per node, the page sizes it has; their counts are set anew.
     */
    static void reserve(Map<Integer, Map<Long, Long>> hugepages, Map<Integer, Long> nodeMemKib, String procCmdline) {
        hugepages.values().each { Map<Long, Long> pages -> pages.keySet().each { Long size -> pages[size] = 0L } }
        List<Integer> nodes = hugepages.keySet().toList()
        List<String> params = DemoKernelCmdline.params(procCmdline)
        String dflt = params.findAll { it.startsWith('default_hugepagesz=') }.collect { it.substring(19) }.find()
        Long size = null
        params.each { String p ->
            if (p.startsWith('hugepagesz=')) size = pageKib(p.substring(11))
            if (!p.startsWith('hugepages=')) return
            long pageSize = size ?: pageKib(dflt ?: '2M')
            String v = p.substring(10)
            Map<Integer, Long> wanted = [:]
            if (v.contains(':')) {
                v.split(',').each { String nv -> wanted[nv.split(':')[0] as int] = nv.split(':')[1] as long }
            } else if (nodes) {
                long n = v as long
                nodes.eachWithIndex { Integer node, int i ->
                    wanted[node] = n.intdiv(nodes.size()) + (i < n % nodes.size() ? 1 : 0)
                }
            }
            wanted.each { Integer node, Long count ->
                Map<Long, Long> pages = hugepages[node]
                if (pages == null || !pages.containsKey(pageSize)) return
                pages[pageSize] = Math.min(count, (nodeMemKib[node] ?: 0L).intdiv(pageSize) as long)
            }
        }
    }

    /** A huge page size as the command line writes it ({@code 2M}, {@code 1G}), in KiB. */
    static long pageKib(String size) {
        String s = size.toUpperCase()
        long n = s.replaceAll(/[KMG]B?$/, '') as long
        s.contains('G') ? n * 1048576L : s.contains('M') ? n * 1024L : n
    }
}
