package dev.passthru.runtime.pci

import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The commands that read a host's PCI devices, the same on a KVM host and in XCP-ng's dom0. */
@CompileStatic
final class PciCommands {
    private PciCommands() {}

    static String lspci() { command('lspci', '-nnk', '-D') }

    static String iommuGroups() { command('find', '/sys/kernel/iommu_groups', '-type', 'l') }

    /** Every device's numa_node; the glob is the shell's, and a kernel without CONFIG_NUMA has no such files. */
    static final String NUMA_NODES = 'grep -H . /sys/bus/pci/devices/*/numa_node'

    /** Each display device's boot_vga flag (1: the device the firmware booted the console on). */
    static final String BOOT_VGA = 'grep -H . /sys/bus/pci/devices/*/boot_vga'

    /** Each device's resolved sysfs path, nested under its parent bridges (busybox readlink takes one path). */
    static final String SYSFS_PATHS = 'for d in /sys/bus/pci/devices/*; do readlink -f "$d"; done'

    /** Each virtual function with its physfn link (busybox readlink takes one path, hence the loop). */
    static final String PHYSFNS = 'for f in /sys/bus/pci/devices/*/physfn; do [ -L "$f" ] && echo "$(basename ' +
            '"$(dirname "$f")") $(readlink "$f")"; done; true'
}
