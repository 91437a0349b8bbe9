package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * How {@code lspci -nnk -D} prints one function, from pciutils' source (lspci.c show_slot_name and show_terse,
 * ls-kernel.c show_kernel): the slot as {@code %04x:%02x:%02x.%d}, a space and the -nn names line (no
 * {@code (prog-if ..)}: show_terse prints it only with -v); then, because -k is given,
 * {@code \tSubsystem: NAME} when the function has a subsystem vendor, {@code \tKernel driver in use: DRIVER}
 * when a driver is bound, and {@code \tKernel modules: a, b} when modules.alias matches the function.
 */
@CompileStatic
final class DemoLspci {
    private DemoLspci() {}

    /** One function's lines; {@code names} is "Class [cccc]: Vendor Device [vvvv:dddd] (rev NN)". */
    static String block(PciAddress a, String names, String subsystem, String driver, List<String> modules) {
        StringBuilder b = new StringBuilder(slot(a)).append(' ').append(names).append('\n')
        if (subsystem) b.append('\tSubsystem: ').append(subsystem).append('\n')
        if (driver) b.append('\tKernel driver in use: ').append(driver).append('\n')
        if (modules) b.append('\tKernel modules: ').append(modules.join(', ')).append('\n')
        b.toString()
    }

    /** A slot as lspci -D, xl and sysfs print it ({@code %04x:%02x:%02x.%d}, pciutils show_slot_name). */
    static String slot(PciAddress a) { String.format('%04x:%02x:%02x.%d', a.domain, a.bus, a.slot, a.function) }

    /**
     * A slot written {@code DDDD:BB:SS.F} (hex; a domain above ffff, behind Intel VMD, has more digits) as the
     * address value; null when the text is not one.
     */
    static PciAddress address(String text) {
        Matcher m = text =~ /^([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-1][0-9a-fA-F])\.([0-7])$/
        if (!m.matches()) return null
        new PciAddress(hex(m.group(1)), hex(m.group(2)), hex(m.group(3)), hex(m.group(4)))
    }

    private static int hex(String s) { Integer.parseInt(s, 16) }
}
