package dev.passthru.dsl

import groovy.transform.CompileStatic

/** The options of {@code mirrorTopology} ({@code vcpus:}, {@code memory:}, {@code hugepages:}, {@code iothreads:}). */
@CompileStatic
final class MirrorArgs {
    private MirrorArgs() {}

    static final List<String> OPTIONS = ['vcpus', 'memory', 'hugepages', 'iothreads'].asImmutable()
    private static final Map<String, Long> UNITS_KIB = [K: 1L, M: 1024L, G: 1024L * 1024L,
                                                        T: 1024L * 1024L * 1024L].asImmutable()

    /** {@code mirrorTopology devices..., vcpus: 88, memory: '1600G', hugepages: true, iothreads: 2} as a step. */
    static MirrorTopologyStep of(Locator locator, String vm, Map options, Object[] devices) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - OPTIONS
        if (unknown) {
            throw locator.error("mirrorTopology: unknown option ${unknown.sort().join(', ')} (only " +
                    "${OPTIONS.collect { it + ':' }.join(', ')})")
        }
        if (!options.containsKey('vcpus') || !options.containsKey('memory')) {
            throw locator.error("mirrorTopology: give vcpus: and memory: (e.g. vcpus: 88, memory: '1600G'); " +
                    'they are split over the NUMA nodes the devices sit on')
        }
        int vcpus = positive(locator, 'vcpus', options.vcpus, 1)
        int iothreads = options.containsKey('iothreads') ? positive(locator, 'iothreads', options.iothreads, 0) : 0
        Object hp = options.containsKey('hugepages') ? options.hugepages : Boolean.FALSE
        if (!(hp instanceof Boolean)) throw locator.error("mirrorTopology: hugepages: is true or false, not '${hp}'")
        new MirrorTopologyStep(vm, DeviceArgs.of(locator, 'mirrorTopology', devices), vcpus,
                kib(locator, options.memory), (Boolean) hp, iothreads, locator.here())
    }

    /** A size in KiB as the recipe would write it: {@code 1600G}, {@code 512M}. */
    static String size(long kib) {
        String unit = ['T', 'G', 'M'].find { String u -> kib % UNITS_KIB[u] == 0 && kib >= UNITS_KIB[u] }
        unit ? "${kib.intdiv(UNITS_KIB[unit])}${unit}".toString() : "${kib}K".toString()
    }

    private static int positive(Locator locator, String key, Object v, int least) {
        if (v instanceof Integer && (Integer) v >= least) return (Integer) v
        throw locator.error("mirrorTopology: ${key}: is a whole number from ${least} up, not '${v}'")
    }

    private static long kib(Locator locator, Object v) {
        String s = String.valueOf(v).trim()
        java.util.regex.Matcher m = s =~ /^(\d+)\s*([KMGT])(?:i?B)?$/
        if (!(v instanceof CharSequence) || !m.matches()) {
            throw locator.error("mirrorTopology: memory: '${v}' is not a size: write it with its unit, e.g. " +
                    "'1600G', '65536M' (K, M, G, T: powers of 1024, as libvirt's KiB, MiB, GiB, TiB)")
        }
        long n = ((String) m.group(1)) as long
        if (n <= 0) throw locator.error("mirrorTopology: memory: '${v}' is zero")
        n * UNITS_KIB[(String) m.group(2)]
    }
}
