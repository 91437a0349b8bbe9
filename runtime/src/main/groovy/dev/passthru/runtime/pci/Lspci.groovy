package dev.passthru.runtime.pci

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Pure parser of {@code lspci -nnk -D} (pciutils lspci(8): "show_slot_name" with -D gives the domain,
 * -nn gives the class as "[%04x]" and ids as "[%04x:%04x]", -k adds "\tKernel driver in use: %s" and
 * "\tKernel modules: a, b"; the revision and the "\tSubsystem:" line are kept too). Used on KVM hosts and in
 * XCP-ng's dom0 alike. The domain is printed with "%04x", so functions behind an Intel VMD controller show five
 * digits ({@code 10000:e0:17.0}); they are read like any other.
 */
@CompileStatic
final class Lspci {
    private Lspci() {}

    private static final Pattern LINE = Pattern.compile(
            (/^(${PciAddress.PRINTED}) (.*?) \[([0-9a-f]{4})\]: (.*) \[([0-9a-f]{4}):([0-9a-f]{4})\]/ +
                    /(?: \(rev ([0-9a-f]{2})\))?(?: \(prog-if [0-9a-f]{2}(?: \[.*\])?\))?$/).toString())

    /** Every function with its ids, class, driver in use and kernel modules; empty output is no device. */
    static List<PciFunction> parse(String text) {
        List<PciFunction> out = []
        Map<String, Object> cur = null
        Closure flush = { if (cur) out << build(cur) }
        text.readLines().each { String line ->
            if (line.trim().isEmpty()) return
            if (line.startsWith('\t') || line.startsWith(' ')) {
                if (cur == null) {
                    throw new OutputFormatException("lspci -nnk: an indented line before any device: '${line}'")
                }
                String t = line.trim()
                if (t.startsWith('Kernel driver in ' +
                        'use:')) cur.driver = t.substring('Kernel driver in use:'.length()).trim()
                else if (t.startsWith('Subsystem:')) cur.subsystem = t.substring('Subsystem:'.length()).trim()
                else if (t.startsWith('Kernel ' +
                        'modules:')) cur.modules = t.substring('Kernel modules:'.length()).split(',')*.trim()
                        .findAll { it }
                return
            }
            Matcher m = LINE.matcher(line)
            if (!m.matches()) {
                throw new OutputFormatException("lspci -nnk -D: cannot read the line '${line}' (expected " +
                        "'DDDD:BB:SS.F Class [cccc]: Name [vvvv:dddd]')")
            }
            flush()
            cur = [address: PciAddress.parse(m.group(1)), className: m.group(2), classId: m.group(3),
                    description: m.group(4),
                   vendor: m.group(5), device: m.group(6), revision: m.group(7), driver: null, modules: [],
                   subsystem: null] as Map<String, Object>
        }
        flush()
        out
    }

    private static PciFunction build(Map<String, Object> c) {
        new PciFunction((PciAddress) c.address, (String) c.classId, (String) c.className, (String) c.vendor,
                (String) c.device,
                (String) c.description, (String) c.driver, (List<String>) c.modules, (String) c.revision,
                (String) c.subsystem)
    }
}
