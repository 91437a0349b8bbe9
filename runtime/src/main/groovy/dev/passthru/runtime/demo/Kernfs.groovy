package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * The order in which sysfs lists a directory: kernfs keeps a directory's entries in a red-black tree sorted by
 * (name hash, name) and readdir walks it in that order (fs/kernfs/dir.c kernfs_name_hash and kernfs_sd_compare; the
 * hash is include/linux/stringhash.h partial_name_hash over the name, then end_name_hash = hash_long(hash, 32) with
 * include/linux/hash.h's GOLDEN_RATIO_64 on a 64-bit kernel), so `find /sys/...` prints entries in that order.
 */
@CompileStatic
final class Kernfs {
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64) - BigInteger.ONE
    private static final BigInteger GOLDEN_RATIO_64 = new BigInteger('61C8864680B583EB', 16)

    private Kernfs() {}

    /** kernfs_name_hash(name, NULL): what orders {@code name} among its siblings. */
    static long hash(String name) {
        BigInteger h = BigInteger.ZERO
        name.getBytes('UTF-8').each { byte b ->
            int c = b & 0xff
            h = ((h + BigInteger.valueOf((c << 4) + (c >> 4))) * BigInteger.valueOf(11)).and(MASK64)
        }
        long x = (h * GOLDEN_RATIO_64).and(MASK64).shiftRight(32).longValue() & 0x7fffffffL
        if (x < 2) x += 2
        if (x >= Integer.MAX_VALUE) x = Integer.MAX_VALUE - 1
        x
    }

    /** {@code names} in the order sysfs lists them. */
    static List<String> order(Collection<String> names) {
        names.sort(false) { String a, String b -> hash(a) <=> hash(b) ?: a <=> b }
    }
}
