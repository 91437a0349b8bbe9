package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * One USB device plugged into the demo XCP-ng host: its sysfs attributes (ids, bcdDevice, interfaces' class triples),
 * usb_scan.py's descriptions, and what XAPI has made of it (a PUSB and its USB group after a scan allowed it).
 */
@CompileStatic
class DemoUsbDevice {
    /** Bus path, e.g. {@code 2-1.1} (the sysfs device name). */
    String path
    String vendor
    String product
    String vendorDesc = ''
    String productDesc = ''
    String serial = ''
    /** USB version as sysfs prints it, e.g. {@code 2.10}. */
    String version = '2.00'
    /** Speed in Mbit/s as sysfs prints it, e.g. {@code 480}. */
    String speed = '480'
    /** bcdDevice (the policy's rel). */
    String rel = '0100'
    /** Each interface's class, subclass and protocol, 6 hex digits (e.g. {@code 030101}, a boot keyboard). */
    List<String> interfaces = []
    /** The PUSB XAPI made at a scan that allowed the device; null while XAPI lists none. */
    String pusb
    /** The USB group XAPI made with the PUSB. */
    String group
    boolean passthroughEnabled = false
}
