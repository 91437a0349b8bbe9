package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * A PCI address (domain:bus:slot.function), as lspci -D and xl print it: {@code 0000:04:01.0}.
 * The short form {@code 04:01.0} means domain 0000. lspci and sysfs print the domain with {@code %04x}
 * (pciutils lspci.c show_slot_name; Linux pci_setup_device's dev_set_name), so a domain above ffff
 * has five or more digits: Intel VMD numbers its domains from 0x10000 (drivers/pci/controller/vmd.c,
 * vmd_find_free_domain: "VMD domains start at 0x10000 to not clash with ACPI _SEG domains").
 */
@CompileStatic
@EqualsAndHashCode
final class PciAddress implements Comparable<PciAddress> {
    private static final Pattern FORM =
            ~/^(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-9a-fA-F])$/

    /** An address as lspci -D and sysfs print it (lower-case hex, domain of 4 to 8 digits), for parsers' patterns. */
    static final String PRINTED = '[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]'

    /** The highest domain an ACPI segment (_SEG, 16 bits) can have; above it are domains Linux made up (VMD). */
    static final int MAX_SEGMENT = 0xFFFF

    final int domain
    final int bus
    final int slot
    final int function

    PciAddress(int domain, int bus, int slot, int function) {
        check(domain, Integer.MAX_VALUE, 'domain', "${domain}")
        check(bus, 0xFF, 'bus', "${bus}")
        check(slot, 0x1F, 'slot', "${slot}")
        check(function, 0x7, 'function', "${function}")
        this.domain = domain
        this.bus = bus
        this.slot = slot
        this.function = function
    }

    /** Parses {@code DDDD:BB:SS.F} or {@code BB:SS.F}; throws IllegalArgumentException naming what is wrong. */
    static PciAddress parse(String text) {
        if (text == null) throw new IllegalArgumentException('PCI address is missing')
        Matcher m = FORM.matcher(text.trim())
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed PCI address '${text}': expected DDDD:BB:SS.F or BB:SS.F in " +
                    "hex, e.g. 0000:04:01.0")
        }
        long wide = m.group(1) ? Long.parseLong(m.group(1), 16) : 0L
        if (wide > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "malformed PCI address '${text}': domain 0x${m.group(1)} is above 0x7fffffff")
        }
        int domain = (int) wide
        int bus = Integer.parseInt(m.group(2), 16)
        int slot = Integer.parseInt(m.group(3), 16)
        int function = Integer.parseInt(m.group(4), 16)
        if (slot > 0x1F) {
            throw new IllegalArgumentException("malformed PCI address '${text}': slot 0x${m.group(3)} is above 0x1f")
        }
        if (function > 0x7) {
            throw new IllegalArgumentException("malformed PCI address '${text}': function ${m.group(4)} is above 7")
        }
        new PciAddress(domain, bus, slot, function)
    }

    /**
     * True when the domain is above ffff: Linux made it up for the devices behind an Intel VMD controller,
     * which reach memory through the controller and cannot be passed through on their own.
     */
    boolean isBehindVmd() { domain > MAX_SEGMENT }

    /** Why a recipe cannot use this function (one line), or null when it is in an ordinary domain. */
    String vmdRefusal() {
        if (!behindVmd) return null
        "${this} is in PCI domain ${String.format('%04x', domain)} (above ffff): it sits behind an Intel VMD " +
                'controller and cannot be passed through on its own; pass through the VMD controller (class 0104, ' +
                'driver vmd) as a whole, or turn VMD off in the firmware'
    }

    /** The slot, the address without its function: {@code 0000:06:00}. */
    String slotName() { String.format('%04x:%02x:%02x', domain, bus, slot) }

    private static void check(int value, int max, String what, String shown) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("PCI ${what} ${shown} is out of range 0..0x${Integer.toHexString(max)}")
        }
    }

    @Override
    int compareTo(PciAddress o) {
        domain <=> o.domain ?: bus <=> o.bus ?: slot <=> o.slot ?: function <=> o.function
    }

    @Override
    String toString() { String.format('%04x:%02x:%02x.%x', domain, bus, slot, function) }
}
