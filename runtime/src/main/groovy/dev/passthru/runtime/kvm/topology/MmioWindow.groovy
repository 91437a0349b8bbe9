package dev.passthru.runtime.kvm.topology

import groovy.transform.CompileStatic

/**
 * The guest's 64-bit PCI MMIO window for passed-through BARs: their sum rounded up to a power of two (BARs are
 * naturally aligned, so a window of the next power of two always fits them), in KiB as libvirt's pcihole64 takes it.
 */
@CompileStatic
final class MmioWindow {
    private MmioWindow() {}

    /** The window for {@code barBytes} bytes of BARs, in KiB; 0 for none. */
    static long kib(long barBytes) {
        if (barBytes <= 0) return 0
        long bytes = Long.highestOneBit(barBytes)
        if (bytes < barBytes) bytes <<= 1
        Math.max(1L, bytes.intdiv(1024L) as long)
    }

    /** A size for people: {@code 2 TiB}, {@code 48 MiB}, {@code 3.5 GiB}. */
    static String human(long bytes) {
        List<String> units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
        double v = bytes
        int u = 0
        while (v >= 1024 && u < units.size() - 1) { v /= 1024; u++ }
        String n = v == Math.floor(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, '%.1f', v)
        "${n} ${units[u]}".toString()
    }
}
