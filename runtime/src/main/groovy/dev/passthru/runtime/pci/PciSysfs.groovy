package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Pure parsers of sysfs PCI listings (Documentation/ABI/testing/sysfs-bus-pci):
 * {@code numa_node} holds the node number, or -1 when the firmware gives none (grep -H prints
 * {@code PATH:VALUE}); {@code physfn} is a VF's link to its PF, {@code ../0000:03:00.0}. Device names are
 * "%04x:%02x:%02x.%d" (drivers/pci/probe.c), so a VMD domain has five digits: {@code 10000:e1:00.0}.
 */
@CompileStatic
final class PciSysfs {
    private PciSysfs() {}

    private static final Pattern NUMA_LINE = ~/^\/sys\/bus\/pci\/devices\/(${PciAddress.PRINTED})\/numa_node:(-?\d+)$/
    private static final Pattern GROUP_LINK = ~/^\/sys\/kernel\/iommu_groups\/(\d+)\/devices\/(\S+)$/
    private static final Pattern BOOT_VGA_LINE = ~/^\/sys\/bus\/pci\/devices\/(${PciAddress.PRINTED})\/boot_vga:([01])$/
    private static final Pattern PHYSFN_LINE = ~/^(${PciAddress.PRINTED}) (?:\.\.\/)?(${PciAddress.PRINTED})$/

    /**
     * {@code find /sys/kernel/iommu_groups -type l} (Documentation/ABI/testing/sysfs-kernel-iommu_groups): device to
     * group number (empty when the IOMMU is off).
     */
    static Map<PciAddress, Integer> iommuGroups(String text) {
        Map<PciAddress, Integer> m = new TreeMap<>()
        text.readLines()*.trim().findAll { it }.each { String l ->
            Matcher g = GROUP_LINK.matcher(l)
            if (!g.matches()) {
                throw new OutputFormatException("iommu_groups: cannot read '${l}' (expected " +
                        "/sys/kernel/iommu_groups/N/devices/DDDD:BB:SS.F)")
            }
            m[PciAddress.parse(g.group(2))] = Integer.parseInt(g.group(1))
        }
        m
    }

    /**
     * {@code grep -H . /sys/bus/pci/devices/*}{@code /numa_node}: device to node, -1 where the firmware says nothing.
     */
    static Map<PciAddress, Integer> numaNodes(String text) {
        Map<PciAddress, Integer> m = new TreeMap<>()
        text.readLines()*.trim().findAll { it }.each { String l ->
            Matcher g = NUMA_LINE.matcher(l)
            if (!g.matches()) {
                throw new OutputFormatException("numa_node listing: cannot read '${l}' (expected " +
                        "/sys/bus/pci/devices/DDDD:BB:SS.F/numa_node:N)")
            }
            m[PciAddress.parse(g.group(1))] = Integer.parseInt(g.group(2))
        }
        m
    }

    /**
     * {@code grep -H . /sys/bus/pci/devices/*}{@code /boot_vga}: each display device (the kernel makes the file for
     * VGA-class devices only, drivers/pci/pci-sysfs.c) to whether it is the one the firmware booted the console on.
     */
    static Map<PciAddress, Boolean> bootVga(String text) {
        Map<PciAddress, Boolean> m = new TreeMap<>()
        text.readLines()*.trim().findAll { it }.each { String l ->
            Matcher g = BOOT_VGA_LINE.matcher(l)
            if (!g.matches()) {
                throw new OutputFormatException("boot_vga listing: cannot read '${l}' (expected " +
                        "/sys/bus/pci/devices/DDDD:BB:SS.F/boot_vga:0 or 1)")
            }
            m[PciAddress.parse(g.group(1))] = g.group(2) == '1'
        }
        m
    }

    /** The physfn listing (one {@code VF LINK} line per virtual function): VF to its PF. */
    static Map<PciAddress, PciAddress> physfns(String text) {
        Map<PciAddress, PciAddress> m = new TreeMap<>()
        text.readLines()*.trim().findAll { it }.each { String l ->
            Matcher g = PHYSFN_LINE.matcher(l)
            if (!g.matches()) {
                throw new OutputFormatException("physfn listing: cannot read '${l}' (expected 'DDDD:BB:SS.F " +
                        "../DDDD:BB:SS.F')")
            }
            m[PciAddress.parse(g.group(1))] = PciAddress.parse(g.group(2))
        }
        m
    }
}
