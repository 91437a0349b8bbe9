package dev.passthru.runtime.xcpng.usb

import groovy.transform.CompileStatic

/** One physical USB device as XAPI lists it (xe pusb-list): a PUSB record's fields passthru uses. */
@CompileStatic
final class Pusb {
    final String uuid
    /** Bus path, e.g. {@code 2-1.1}. */
    final String path
    final String vendor
    final String product
    final String serial
    /** vendor-desc[_product-desc][_serial], as usb_scan.py builds it. */
    final String description
    final boolean passthroughEnabled

    Pusb(String uuid, String path, String vendor, String product, String serial, String description,
         boolean passthroughEnabled) {
        this.uuid = uuid
        this.path = path
        this.vendor = vendor
        this.product = product
        this.serial = serial
        this.description = description
        this.passthroughEnabled = passthroughEnabled
    }

    /** {@code 0781:5591 at 2-1.1}. */
    String toString() { "${vendor}:${product} at ${path}" }
}
