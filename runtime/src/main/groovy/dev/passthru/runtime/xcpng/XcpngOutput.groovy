package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.numa.CpuRow
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * Pure parsers of what XCP-ng's tools print. Each takes the command's stdout and returns values;
 * output they cannot read is an OutputFormatException naming the tool and the line, never a guess.
 * Formats:
 *  - xen-cmdline --get-dom0 KEY prints {@code KEY=VALUE} when set, nothing when not (XCP-ng docs, "PCI passthrough").
 *  - xl pci-assignable-list prints one {@code %04x:%02x:%02x.%01x %s} per line, the name empty without -n
 *    (xl_pci.c, pciassignable_list; the real Xen 4.17 lab's lines end with that space).
 *  - xl info prints {@code %-23s: value} lines (xl_info.c).
 *  - xe ... --minimal prints values joined by commas, an empty line when there are none.
 *  - xe map parameters print as {@code key: value; key: value} (XenServer Administrator's Guide, "Parameter types").
 *  - xl info -n adds the cpu_topology and device topology tables (xl_info.c, output_topologyinfo) and numa_info
 *    (output_numainfo).
 *  - xe ... params=a,b prints records of {@code name ( RO): value} lines.
 */
@CompileStatic
final class XcpngOutput {
    static final String HIDE_KEY = 'xen-pciback.hide'

    private XcpngOutput() {}

    /** Devices listed in {@code xen-pciback.hide=(BDF)(BDF)}; empty when the key is not set. */
    static List<PciAddress> hiddenDevices(String stdout) {
        String line = stdout.readLines().find { String l -> l.trim().startsWith(HIDE_KEY + '=') }
        if (line == null) {
            if (stdout.trim()) {
                throw new OutputFormatException("xen-cmdline --get-dom0 printed something other than " +
                        "${HIDE_KEY}=...: '${stdout.trim().readLines().first()}'")
            }
            return []
        }
        String value = line.trim().substring(HIDE_KEY.length() + 1)
        if (value.startsWith('"') && value.endsWith('"') && value.length() >= 2) {
            value = value.substring(1, value.length() - 1)
        }
        if (!(value ==~ /(\([^()]*\))*/)) {
            throw new OutputFormatException("cannot read ${HIDE_KEY} value '${value}': expected (BDF)(BDF)...")
        }
        Matcher m = value =~ /\(([^()]*)\)/
        List<PciAddress> out = []
        while (m.find()) out << bdf(m.group(1), HIDE_KEY)
        out
    }

    /** The {@code xen-pciback.hide} value for a list of devices: {@code (0000:04:01.0)(0000:05:00.0)}. */
    static String hideValue(List<PciAddress> devices) { devices.collect { "(${it})" }.join('') }

    /** BDFs from {@code xl pci-assignable-list} (a name after the BDF, as newer xl can print, is ignored). */
    static List<PciAddress> assignable(String stdout) {
        stdout.readLines().findAll { String l -> l.trim() }.collect { String l ->
            bdf(l.trim().split(/\s+/)[0], 'xl pci-assignable-list')
        }
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
            if (!(c.trim() ==~ /\d+/)) {
                throw new OutputFormatException("cannot read VCPUs-params mask '${value}': expected CPU numbers " +
                        "separated by commas")
            }
            Integer.parseInt(c.trim())
        }
    }

    /**
     * The {@code cpu_topology} table of {@code xl info -n} (xl_info.c: "%3d:    %4d     %4d     %4d" for cpu, core,
     * socket, node).
     */
    static List<CpuRow> cpuTopology(String stdout) {
        List<CpuRow> rows = section(stdout, 'cpu_topology').collect { String l ->
            Matcher m = l =~ /^\s*(\d+):\s+(\d+)\s+(\d+)\s+(\d+)\s*$/
            if (!m.matches()) {
                throw new OutputFormatException("xl info -n cpu_topology: cannot read '${l}' (expected 'cpu: core " +
                        "socket node')")
            }
            new CpuRow(m.group(1) as int, m.group(2) as int, m.group(3) as int, m.group(4) as int)
        }
        if (rows.isEmpty()) throw new OutputFormatException('xl info -n printed no cpu_topology rows')
        rows
    }

    /**
     * The {@code device topology} table of {@code xl info -n} ("%04x:%02x:%02x.%01x      %d"); empty when Xen has none
     * ("No device topology data available").
     */
    static Map<PciAddress, Integer> deviceTopology(String stdout) {
        Map<PciAddress, Integer> out = new TreeMap<>()
        section(stdout, 'device topology').findAll { !it.startsWith('No device topology data') }.each { String l ->
            Matcher m = l =~ /^\s*([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(-?\d+)\s*$/
            if (!m.matches()) {
                throw new OutputFormatException("xl info -n device topology: cannot read '${l}' (expected " +
                        "'DDDD:BB:SS.F node')")
            }
            out[bdf(m.group(1), 'xl info -n')] = m.group(2) as int
        }
        out
    }

    /**
     * The {@code numa_info} table of {@code xl info -n} (xl_info.c, output_numainfo: "%4d:    %6lu     %6lu      %d"
     * for node, memsize and memfree in MiB, then ",%d" per further distance); empty when xl printed none.
     */
    static List<XenNumaNode> numaInfo(String stdout) {
        section(stdout, 'numa_info').collect { String l ->
            Matcher m = l =~ /^\s*(\d+):\s+(\d+)\s+(\d+)\s+(\d+(?:,\d+)*)\s*$/
            if (!m.matches()) {
                throw new OutputFormatException("xl info -n numa_info: cannot read '${l}' (expected 'node: memsize " +
                        "memfree distances')")
            }
            new XenNumaNode(m.group(1) as int, m.group(2) as long, m.group(3) as long,
                    m.group(4).split(',').collect { String d -> d as Integer })
        }
    }

    /**
     * The rows of one {@code xl info -n} table: the lines after its title and column header, up to the next
     * {@code name : value} line.
     */
    private static List<String> section(String stdout, String title) {
        List<String> lines = stdout.readLines()
        int start = lines.findIndexOf { String l -> l ==~ /^${title}\s*:\s*$/ }
        if (start < 0) return []
        List<String> out = []
        for (String l : lines.drop(start + 2)) {
            if (l ==~ /^[a-z_ ]+?\s*:(\s.*|)$/ && !(l ==~ /^\s*\d+:.*/)) break
            if (l.trim()) out << l
        }
        out
    }

    /**
     * Xen's {@code virt_caps} line of {@code xl info}: {@code hvm_directio} is there only when the IOMMU is on
     * (xl_info.c).
     */
    static boolean iommuOn(Map<String, String> xlInfo) {
        (xlInfo['virt_caps'] ?: '').split(/\s+/).contains('hvm_directio')
    }

    /** {@code xen-cmdline --get-xen KEY}: the value when set ({@code KEY=VALUE}), null when not. */
    static String xenOption(String stdout, String key) {
        String line = stdout.readLines()*.trim().find { it.startsWith(key + '=') }
        line?.substring(key.length() + 1)
    }

    /**
     * {@code xen-cmdline --get-xen KEY} / {@code --get-dom0 KEY}: the option as printed ({@code KEY=VALUE}, or the bare
     * flag), or null when the script prints no such line (an empty line: not set).
     */
    static String bootOption(String stdout, String key) {
        stdout.readLines()*.trim().find { String l -> l == key || l.startsWith(key + '=') }
    }

    /** Xen's command line in this boot, as {@code xl info}'s xen_commandline field gives it, split at whitespace. */
    static List<String> xenCommandline(String xlInfoStdout) {
        String line = xlInfo(xlInfoStdout)['xen_commandline']
        if (line == null) throw new OutputFormatException('xl info has no xen_commandline line')
        line.split(/\s+/).findAll { String t -> t } as List<String>
    }

    /**
     * {@code xe vm-list params=...}: one map per record. xe prints each field as {@code name ( RO): value}
     * (the access mode in brackets, names right-aligned), records separated by blank lines (XenServer
     * Administrator's Guide, "Parameter types" and "Low-level parameter commands").
     */
    static List<Map<String, String>> records(String stdout) {
        List<Map<String, String>> out = []
        Map<String, String> cur = null
        stdout.readLines().each { String l ->
            if (!l.trim()) { if (cur) out << cur; cur = null; return }
            Matcher m = l =~ /^\s*(\S+) \(\s*[SM]?R[OW]\)\s*: ?(.*)$/
            if (!m.matches()) {
                throw new OutputFormatException("xe list output: cannot read '${l}' (expected 'name ( RO): value')")
            }
            if (cur == null) cur = new LinkedHashMap<String, String>()
            cur[m.group(1)] = m.group(2)
        }
        if (cur) out << cur
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
