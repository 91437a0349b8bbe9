package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.EqualsAndHashCode

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * A PCI address (domain:bus:slot.function), as lspci -D and xl print it: {@code 0000:04:01.0}.
 * The short form {@code 04:01.0} means domain 0000.
 */
@CompileStatic
@EqualsAndHashCode
final class PciAddress implements Comparable<PciAddress> {
    private static final Pattern FORM = ~/^(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-9a-fA-F])$/

    final int domain
    final int bus
    final int slot
    final int function

    PciAddress(int domain, int bus, int slot, int function) {
        check(domain, 0xFFFF, 'domain', "${domain}")
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
            throw new IllegalArgumentException("malformed PCI address '${text}': expected DDDD:BB:SS.F or BB:SS.F in hex, e.g. 0000:04:01.0")
        }
        int domain = m.group(1) ? Integer.parseInt(m.group(1), 16) : 0
        int bus = Integer.parseInt(m.group(2), 16)
        int slot = Integer.parseInt(m.group(3), 16)
        int function = Integer.parseInt(m.group(4), 16)
        if (slot > 0x1F) throw new IllegalArgumentException("malformed PCI address '${text}': slot 0x${m.group(3)} is above 0x1f")
        if (function > 0x7) throw new IllegalArgumentException("malformed PCI address '${text}': function ${m.group(4)} is above 7")
        new PciAddress(domain, bus, slot, function)
    }

    private static void check(int value, int max, String what, String shown) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("PCI ${what} ${shown} is out of range 0..0x${Integer.toHexString(max)}")
        }
    }

    @Override
    int compareTo(PciAddress o) { toString() <=> o.toString() }

    @Override
    String toString() { String.format('%04x:%02x:%02x.%x', domain, bus, slot, function) }
}
