package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * A USB device as a recipe names it: vendor and product ids (4 hex digits each, as lsusb and xe pusb-list print
 * them), and optionally the serial number or bus path (e.g. {@code 2-1.1}) that picks one when several match.
 */
@CompileStatic
final class UsbId {
    private static final String HEX4 = /[0-9a-fA-F]{4}/
    private static final String PATH = /\d+-\d+(\.\d+)*/

    /** Vendor id, lower-case hex. */
    final String vendor
    /** Product id, lower-case hex. */
    final String product
    /** Serial number (null: any). */
    final String serial
    /** Bus path as xe pusb-list prints it, e.g. {@code 2-1.1} (null: any). */
    final String path

    UsbId(String vendor, String product, String serial = null, String path = null) {
        this.vendor = vendor.toLowerCase()
        this.product = product.toLowerCase()
        this.serial = serial
        this.path = path
    }

    /**
     * Reads {@code vendor:, product:} (and the other {@code allowed} keys among serial:, path:) from a recipe word's
     * named arguments; anything else, or an id that is not 4 hex digits, is a RecipeException at the line.
     */
    static UsbId of(Locator locator, String word, Map<String, Object> args, List<String> allowed) {
        Set<String> unknown = args.keySet().collect { it.toString() }.toSet() - allowed
        if (unknown) {
            throw locator.error("${word}: unknown option ${unknown.join(', ')} (only " +
                    "${allowed.collect { it + ':' }.join(', ')})")
        }
        String vendor = hex(locator, word, 'vendor', args.vendor)
        String product = hex(locator, word, 'product', args.product)
        String serial = args.serial == null ? null : String.valueOf(args.serial)
        if (args.containsKey('serial') && !(serial ==~ /[\x21-\x7e]+/)) {
            throw locator.error("${word}: serial: '${serial}' is not a serial number (printable, no spaces)")
        }
        String path = args.path == null ? null : String.valueOf(args.path)
        if (args.containsKey('path') && !(path ==~ PATH)) {
            throw locator.error("${word}: path: '${path}' is not a USB bus path like '2-1.1' (bus-port[.port...])")
        }
        new UsbId(vendor, product, serial, path)
    }

    private static String hex(Locator locator, String word, String key, Object value) {
        if (value == null) throw locator.error("${word}: ${key}: is missing (4 hex digits, e.g. ${key}: '0781')")
        String s = String.valueOf(value)
        if (!(s ==~ HEX4)) throw locator.error("${word}: ${key}: '${s}' is not 4 hex digits (e.g. '0781')")
        s.toLowerCase()
    }

    /** {@code 0781:5591}, with the serial or path when given. */
    String toString() {
        "${vendor}:${product}${serial ? " serial ${serial}" : ''}${path ? " path ${path}" : ''}"
    }
}
