package dev.passthru.dsl

import groovy.transform.CompileStatic

/** Turns what a recipe passes as devices (Device values, BDF strings, lists of either) into Devices. */
@CompileStatic
final class DeviceArgs {
    private DeviceArgs() {}

    static List<Device> of(Locator locator, String method, Object[] args) {
        List<Device> out = []
        flatten(args as List).each { Object a ->
            if (a instanceof Device) out << (Device) a
            else if (a instanceof CharSequence) out << pci(locator, a.toString())
            else throw locator.error("${method}: expected a device (pci 'BDF') but got ${a == null ? 'null' : a.getClass().simpleName + " '" + a + "'"}")
        }
        if (out.isEmpty()) throw locator.error("${method}: names no device")
        out.unique { Device d -> d.address }
    }

    /** A device from a BDF string, or a recipe error at the calling line. */
    static Device pci(Locator locator, String bdf) {
        try {
            new Device(PciAddress.parse(bdf), locator.here())
        } catch (IllegalArgumentException e) {
            throw locator.error(e.message)
        }
    }

    private static List flatten(List args) {
        List out = []
        args.each { a -> a instanceof Collection ? out.addAll(flatten(a as List)) : out.add(a) }
        out
    }
}
