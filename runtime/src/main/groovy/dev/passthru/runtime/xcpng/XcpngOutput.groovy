package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * Pure parsers of what XCP-ng's tools print. Each takes the command's stdout and returns values;
 * output they cannot read is an OutputFormatException naming the tool and the line, never a guess.
 * Formats:
 *  - xen-cmdline --get-dom0 KEY prints {@code KEY=VALUE} when set, nothing when not (XCP-ng docs, "PCI passthrough").
 *  - xl pci-assignable-list prints one {@code %04x:%02x:%02x.%01x} per line (xl_pci.c, pciassignable_list).
 *  - xl info prints {@code %-23s: value} lines (xl_info.c).
 *  - xe ... --minimal prints values joined by commas, an empty line when there are none.
 *  - xe map parameters print as {@code key: value; key: value} (XenServer Administrator's Guide, "Parameter types").
 *  - lspci -D prints {@code DDDD:BB:SS.F Class: Vendor Device} per line (pciutils lspci(8)).
 */
@CompileStatic
final class XcpngOutput {
    static final String HIDE_KEY = 'xen-pciback.hide'

    private XcpngOutput() {}

    /** Devices listed in {@code xen-pciback.hide=(BDF)(BDF)}; empty when the key is not set. */
    static List<PciAddress> hiddenDevices(String stdout) {
        String line = stdout.readLines().find { String l -> l.trim().startsWith(HIDE_KEY + '=') }
        if (line == null) {
            if (stdout.trim()) throw new OutputFormatException("xen-cmdline --get-dom0 printed something other than ${HIDE_KEY}=...: '${stdout.trim().readLines().first()}'")
            return []
        }
        String value = line.trim().substring(HIDE_KEY.length() + 1)
        if (value.startsWith('"') && value.endsWith('"') && value.length() >= 2) value = value.substring(1, value.length() - 1)
        if (!(value ==~ /(\([^()]*\))*/)) throw new OutputFormatException("cannot read ${HIDE_KEY} value '${value}': expected (BDF)(BDF)...")
        Matcher m = value =~ /\(([^()]*)\)/
        List<PciAddress> out = []
        while (m.find()) out << bdf(m.group(1), HIDE_KEY)
        out
    }

    /** The {@code xen-pciback.hide} value for a list of devices: {@code (0000:04:01.0)(0000:05:00.0)}. */
    static String hideValue(List<PciAddress> devices) { devices.collect { "(${it})" }.join('') }

    /** BDFs from {@code xl pci-assignable-list} (a name after the BDF, as newer xl can print, is ignored). */
    static List<PciAddress> assignable(String stdout) {
        stdout.readLines().findAll { String l -> l.trim() }.collect { String l -> bdf(l.trim().split(/\s+/)[0], 'xl pci-assignable-list') }
    }

    /** {@code xl info} as a map of field to value. */
    static Map<String, String> xlInfo(String stdout) {
        Map<String, String> out = [:]
        stdout.readLines().each { String l ->
            int colon = l.indexOf(':')
            if (colon > 0) out[l.substring(0, colon).trim()] = l.substring(colon + 1).trim()
        }
        out
    }

    /** The host's CPU count from {@code xl info} ({@code nr_cpus}). */
    static int cpuCount(String xlInfoStdout) {
        String n = xlInfo(xlInfoStdout)['nr_cpus']
        if (!(n ==~ /\d+/)) throw new OutputFormatException("xl info has no numeric nr_cpus (got '${n}')")
        Integer.parseInt(n)
    }

    /** UUIDs from an {@code xe ... --minimal} listing. */
    static List<String> minimalList(String stdout) {
        String t = stdout.trim()
        t ? t.split(',').collect { String s -> s.trim() }.findAll { String s -> s } : []
    }

    /** An xe map parameter, {@code key: value; key: value}, as an ordered map. */
    static Map<String, String> xeMap(String stdout) {
        Map<String, String> out = new LinkedHashMap<>()
        String t = stdout.trim()
        if (!t) return out
        t.split('; ').each { String pair ->
            int sep = pair.indexOf(': ')
            if (sep > 0) out[pair.substring(0, sep)] = pair.substring(sep + 2)
            else if (pair.endsWith(':')) out[pair.substring(0, pair.length() - 1)] = ''
            else throw new OutputFormatException("cannot read xe map entry '${pair}' in '${t}'")
        }
        out
    }

    /** Devices in other-config:pci, {@code 0/0000:04:01.0,0/0000:05:00.0}, with their prefix kept. */
    static List<PciEntry> pciEntries(String value) {
        if (!value?.trim()) return []
        value.split(',').collect { String e ->
            String s = e.trim()
            int slash = s.indexOf('/')
            if (slash < 0) throw new OutputFormatException("cannot read other-config:pci entry '${s}': expected N/BDF")
            new PciEntry(s.substring(0, slash), bdf(s.substring(slash + 1), 'other-config:pci'))
        }
    }

    /** The other-config:pci value for a list of entries. */
    static String pciValue(List<PciEntry> entries) { entries.join(',') }

    /** Host CPUs in a VCPUs-params mask, {@code 8,9,10}; empty when not set. */
    static List<Integer> cpuMask(String value) {
        if (!value?.trim()) return []
        value.split(',').collect { String c ->
            if (!(c.trim() ==~ /\d+/)) throw new OutputFormatException("cannot read VCPUs-params mask '${value}': expected CPU numbers separated by commas")
            Integer.parseInt(c.trim())
        }
    }

    /** Addresses of every device {@code lspci -D} lists, with each one's description. */
    static Map<PciAddress, String> lspci(String stdout) {
        Map<PciAddress, String> out = new LinkedHashMap<>()
        stdout.readLines().findAll { String l -> l.trim() }.each { String l ->
            String[] parts = l.trim().split(/\s+/, 2)
            out[bdf(parts[0], 'lspci -D')] = parts.length > 1 ? parts[1] : ''
        }
        out
    }

    private static PciAddress bdf(String text, String where) {
        try {
            PciAddress.parse(text)
        } catch (IllegalArgumentException e) {
            throw new OutputFormatException("${where}: ${e.message}")
        }
    }
}

/** One device in a VM's other-config:pci: the prefix XAPI keeps before the slash, and the address. */
@CompileStatic
@groovy.transform.EqualsAndHashCode
final class PciEntry {
    final String prefix
    final PciAddress address

    PciEntry(String prefix, PciAddress address) {
        this.prefix = prefix
        this.address = address
    }

    @Override
    String toString() { "${prefix}/${address}" }
}
