package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

/**
 * Pure parser of each PCI device's resolved sysfs path ({@code readlink -f /sys/bus/pci/devices/X}, one a line):
 * the kernel nests a device's directory under its parent bridge's
 * ({@code /sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0}), so a device's parent is the path's component before
 * its own when that is a PCI address, and none when it is the root bus ({@code pci0000:00}).
 */
@CompileStatic
final class SysfsParents {
    private SysfsParents() {}

    /** Device to its parent bridge, or to null for a device on a root bus; empty output is no device. */
    static Map<PciAddress, PciAddress> parse(String text) {
        Map<PciAddress, PciAddress> m = new TreeMap<>()
        text.readLines()*.trim().findAll { it }.each { String l ->
            List<String> parts = l.split('/').toList()
            if (!l.startsWith('/sys/devices/') || parts.size() < 5 || !(parts.last() ==~ PciAddress.PRINTED)) {
                throw new OutputFormatException("sysfs device paths: cannot read '${l}' (expected " +
                        "/sys/devices/pciDDDD:BB/.../DDDD:BB:SS.F)")
            }
            String up = parts[parts.size() - 2]
            m[PciAddress.parse(parts.last())] = up ==~ PciAddress.PRINTED ? PciAddress.parse(up) : null
        }
        m
    }
}
