package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbId
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The commands of USB passthrough on XCP-ng (xe's pusb, usb-group and vusb classes; usb_scan.py), quoted once. */
@CompileStatic
final class UsbCommands {
    /** Where xen-api installs usb_scan.py (python3/Makefile installs libexec scripts to /opt/xensource/libexec). */
    static final String USB_SCAN = '/opt/xensource/libexec/usb_scan.py'
    static final String INVENTORY = '/etc/xensource-inventory'
    /** The USB sysfs attributes the policy checks: each device's ids and each interface's class triple. */
    static final String SYSFS = "grep -H '' /sys/bus/usb/devices/*/idVendor /sys/bus/usb/devices/*/idProduct " +
            '/sys/bus/usb/devices/*/bcdDevice /sys/bus/usb/devices/*/bInterfaceClass ' +
            '/sys/bus/usb/devices/*/bInterfaceSubClass /sys/bus/usb/devices/*/bInterfaceProtocol'

    private UsbCommands() {}

    static String inventory() { command('cat', INVENTORY) }

    /** This host's PUSBs of one vendor and product, with the fields passthru reads. */
    static String pusbList(String host, UsbId id) {
        command('xe', 'pusb-list', "host-uuid=${host}".toString(), "vendor-id=${id.vendor}".toString(),
                "product-id=${id.product}".toString(),
                'params=uuid,path,vendor-id,product-id,serial,description,passthrough-enabled')
    }

    static String enablePassthrough(String pusb) {
        command('xe', 'pusb-param-set', "uuid=${pusb}".toString(), 'passthrough-enabled=true')
    }

    static String groupOf(String pusb) { command('xe', 'usb-group-list', "PUSB-uuids=${pusb}".toString(), '--minimal') }

    /** A VM's VUSBs. */
    static String vusbsOfVm(String vm) {
        command('xe', 'vusb-list', "vm-uuid=${vm}".toString(), 'params=uuid,vm-uuid,usb-group-uuid,currently-attached')
    }

    /** The VUSBs of a USB group, whichever VM has them. */
    static String vusbsOfGroup(String group) {
        command('xe', 'vusb-list', "usb-group-uuid=${group}".toString(),
                'params=uuid,vm-uuid,vm-name-label,usb-group-uuid,currently-attached')
    }

    static String vusbCreate(String group, String vm) {
        command('xe', 'vusb-create', "usb-group-uuid=${group}".toString(), "vm-uuid=${vm}".toString())
    }

    static String vusbUnplug(String vusb) { command('xe', 'vusb-unplug', "uuid=${vusb}".toString()) }

    static String vusbDestroy(String vusb) { command('xe', 'vusb-destroy', "uuid=${vusb}".toString()) }

    static String enableUsbPlatform(String vm) {
        command('xe', 'vm-param-set', "uuid=${vm}".toString(), 'platform:usb=true')
    }

    /** usb_scan.py -d: reads the policy as XAPI will (a malformed rule fails it) and prints the allowed devices. */
    static String usbScan() { command(USB_SCAN, '-d') }

    static String pusbScan(String host) { command('xe', 'pusb-scan', "host-uuid=${host}".toString()) }
}
