package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Reads the options of the host-preparation words (per-node hugepages, ats, noAts) into steps, or a recipe error. */
@CompileStatic
final class HostPrepArgs {
    private HostPrepArgs() {}

    /** {@code hugepages N, node: 0, size: '2M'} (count null: noHugepages). */
    static NodeHugepagesStep hugepages(Locator locator, String word, Map options, Long count) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - ['node', 'size']
        if (unknown) throw locator.error("${word}: unknown option ${unknown.join(', ')} (only node: and size:)")
        if (!options.containsKey('node')) throw locator.error("${word}: says no node: (${word} ... node: 0)")
        Object n = options.node
        if (!(n instanceof Integer) || (Integer) n < 0 || (Integer) n >= VmContext.MAX_NUMA_NODES) {
            throw locator.error("${word}: node: '${n}' is not a NUMA node number (0-${VmContext.MAX_NUMA_NODES - 1})")
        }
        String size = (options.size ?: '2M').toString()
        if (!NodeHugepagesStep.SIZES.containsKey(size)) throw locator.error("${word}: size '${size}' is not 2M or 1G")
        if (count != null) {
            long most = KernelContext.MAX_MEMORY.intdiv(NodeHugepagesStep.SIZES[size] * 1024L) as long
            if (count > most) {
                throw locator.error("${word}: ${count} pages of ${size} is more memory than a host can have " +
                        "(x86-64 addresses 4 PiB: at most ${most} pages of ${size})")
            }
        }
        new NodeHugepagesStep((Integer) n, size, count, locator.here())
    }

    /** {@code ats nics} or {@code ats nics, enable: true}. */
    static AtsStep ats(Locator locator, Map options, List<Device> nics) {
        Set<String> unknown = options.keySet().collect { it.toString() }.toSet() - ['enable']
        if (unknown) throw locator.error("ats: unknown option ${unknown.join(', ')} (only enable:)")
        Object enable = options.containsKey('enable') ? options.enable : Boolean.FALSE
        if (!(enable instanceof Boolean)) throw locator.error("ats: enable: is true or false, not '${enable}'")
        new AtsStep(nics, (Boolean) enable, locator.here())
    }

    /** {@code noAts nics}: no options. */
    static NoAtsStep noAts(Locator locator, Map options, List<Device> nics) {
        if (options) {
            throw locator.error("noAts: unknown option ${options.keySet().join(', ')} (noAts takes none: noAts nics)")
        }
        new NoAtsStep(nics, locator.here())
    }
}
