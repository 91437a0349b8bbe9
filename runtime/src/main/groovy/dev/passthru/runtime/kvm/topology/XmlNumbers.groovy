package dev.passthru.runtime.kvm.topology

import groovy.transform.CompileStatic
import org.w3c.dom.Element

/** Numbers in a domain XML as libvirt writes them: decimal or {@code 0x} hex attributes, sizes with a unit. */
@CompileStatic
final class XmlNumbers {
    private XmlNumbers() {}

    private static final Map<String, Long> BYTES = [b: 1L, bytes: 1L, KB: 1000L, k: 1024L, KiB: 1024L,
            MB: 1000_000L, M: 1024L * 1024L, MiB: 1024L * 1024L, GB: 1000_000_000L, G: 1024L * 1024L * 1024L,
            GiB: 1024L * 1024L * 1024L, TB: 1000_000_000_000L, T: 1024L ** 4 as long,
            TiB: 1024L ** 4 as long].asImmutable()

    /** An attribute as a number ({@code 12}, {@code 0x0c}), or null when it is missing or not a number. */
    static Long attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) return null
        try { Long.decode(e.getAttribute(name).trim()) } catch (NumberFormatException ignored) { null }
    }

    /** An element's size in KiB, reading its {@code unit} attribute (libvirt's default KiB); null when unreadable. */
    static Long kib(Element e) { e == null ? null : kib(e.textContent, e.getAttribute('unit')) }

    /** A size in KiB from its number and unit (KiB when none); null when unreadable. */
    static Long kib(String number, String unit) {
        Long per = BYTES[unit ?: 'KiB']
        String t = number?.trim()
        per == null || !(t ==~ /\d+/) ? null : ((t as long) * per).intdiv(1024L) as Long
    }

    /** {@code 0x1f} as libvirt prints a PCI address part, {@code width} hex digits. */
    static String hex(long v, int width) { '0x' + String.format("%0${width}x", v) }
}
