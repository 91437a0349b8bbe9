package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

/**
 * One PCI function as {@code lspci -nnk -D} shows it: ids, class, the driver bound now and the modules that can drive
 * it.
 */
@CompileStatic
@EqualsAndHashCode
final class PciFunction {
    final PciAddress address
    /** Four hex digits, e.g. {@code 0300}. */
    final String classId
    final String className
    final String vendorId
    final String deviceId
    /** Vendor and device names as lspci prints them. */
    final String description
    /** The driver in use now, or null when none is bound. */
    final String driver
    final List<String> modules
    /** The revision lspci prints ({@code (rev a1)}: {@code a1}), or null when it prints none. */
    final String revision
    /** The {@code Subsystem:} line's text ({@code Vendor Name [ssvv:ssdd]}), or null when there is none. */
    final String subsystem

    PciFunction(PciAddress address, String classId, String className, String vendorId, String deviceId,
            String description, String driver, List<String> modules, String revision = null, String subsystem = null) {
        this.address = address
        this.classId = classId
        this.className = className
        this.vendorId = vendorId
        this.deviceId = deviceId
        this.description = description
        this.driver = driver
        this.modules = List.copyOf(modules)
        this.revision = revision
        this.subsystem = subsystem
    }

    /**
     * The line {@code lspci -nn} prints after the slot, as it printed it: {@code Class [cccc]: Names [vvvv:dddd]} and
     * {@code (rev rr)} when there is one (no prog-if: -v only).
     */
    String namesLine() {
        "${className} [${classId}]: ${description} [${ids()}]".toString() + (revision ? " (rev ${revision})" : '')
    }

    /** {@code vendor:device}, the form vfio-pci.ids takes. */
    String ids() { "${vendorId}:${deviceId}".toString() }

    /**
     * A host bridge or a PCI-to-PCI bridge (root port): vfio lets these stay with the host (pcieport,
     * or no driver) without making the IOMMU group unviable. An ISA bridge (LPC) is not one of them.
     */
    boolean isBridge() { classId in ['0600', '0604', '0609'] }

    /** The slot this function is in: functions of one device share it ({@code 0000:06:00}). */
    String slot() { address.slotName() }

    /** True when this function's class is one of {@code prefixes} (class codes or their first two digits). */
    boolean inClass(List<String> prefixes) { prefixes.any { String p -> classId.startsWith(p) } }

    /** How messages show it: {@code 0000:06:00.1 Audio device [0403] 10de:0fb9 (driver snd_hda_intel)}. */
    String shortText() {
        "${address} ${className} [${classId}] ${ids()} (${driver ? "driver ${driver}" : 'no driver'})".toString()
    }
}
