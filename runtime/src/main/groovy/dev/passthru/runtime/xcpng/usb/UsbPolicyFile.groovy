package dev.passthru.runtime.xcpng.usb

import dev.passthru.dsl.UsbId
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * /etc/xensource/usb-policy.conf read as xen-api's python3/libexec/usb_scan.py reads it (Policy.parse_line: blank
 * lines and lines starting with # skipped, a comment cut from #, {@code ALLOW|DENY : (key=hex)*} case-insensitive,
 * class/subclass/prot 2 hex digits and vid/pid/rel 4, no key twice, nothing else on the line), checked as its
 * Policy.check does (first matching rule per interface wins, no match denies, every interface must be allowed), and
 * edited: ALLOW rules put ahead of every DENY rule, the file's other lines kept in their order.
 */
@CompileStatic
final class UsbPolicyFile {
    static final String PATH = '/etc/xensource/usb-policy.conf'
    /** The comment passthru ends its rules with. */
    static final String MARK = '# passthru usbPolicy'
    private static final Pattern MATCH = Pattern.compile(/\s*(class|subclass|prot|vid|pid|rel)\s*=\s*([0-9a-f]+)/,
            Pattern.CASE_INSENSITIVE)

    private UsbPolicyFile() {}

    /** The rules of the file, in order; a line usb_scan.py would refuse is an OutputFormatException naming it. */
    static List<UsbRule> rules(String text) {
        List<UsbRule> out = []
        List<String> lines = text.readLines()
        lines.eachWithIndex { String raw, int i ->
            String problem = problem(raw)
            if (problem) throw new OutputFormatException("${PATH} line ${i + 1}: ${problem}")
            UsbRule r = rule(raw, i + 1)
            if (r != null) out << r
        }
        out
    }

    /**
     * Why usb_scan.py would refuse this line, in its own words (which quote the line as it reads it: cut at the
     * comment), or null when it reads it.
     */
    static String problem(String line) {
        if (!line.trim()) return null
        int hash = line.indexOf('#')
        if (hash == 0) return null
        String body = hash > 0 ? line.substring(0, hash) : line
        if (!body.trim()) {
            return "a comment after blanks, which usb_scan.py fails on (start comments in column 1): ${line}"
        }
        List<String> parts = body.split(':', -1) as List<String>
        if (parts.size() != 2) {
            return "Caught error ${parts.size() > 2 ? 'too many values to unpack (expected 2)' : "not enough values " +
                    "to unpack (expected 2, got 1)"}, malformed line: ${body}"
        }
        String action = parts[0].trim()
        if (!(action.toLowerCase() in ['allow', 'deny'])) return "Malformed action'${action}', malformed line: ${body}"
        String target = parts[1].trim()
        Matcher m = MATCH.matcher(target)
        int end = 0
        Set<String> seen = [] as Set<String>
        while (m.find()) {
            if (m.start() != end) {
                return "Malformed policy rule, unable to parse '${target.substring(end, m.start())}', malformed " +
                        "line: ${body}"
            }
            String key = m.group(1).toLowerCase()
            String value = m.group(2)
            if (value.length() != (key in ['class', 'subclass', 'prot'] ? 2 : 4)) {
                return "hex'${value.toLowerCase()}' length error, malformed line ${body}"
            }
            if (!seen.add(key)) return "duplicated tag'${key}' found, malformed line ${body}"
            end = m.end()
        }
        end == target.length() ? null : "Malformed policy rule, unable to parse '${target.substring(end)}', " +
                "malformed line: ${body}"
    }

    /** The rule on a line usb_scan.py reads, or null for a blank or comment line. */
    private static UsbRule rule(String line, int number) {
        int hash = line.indexOf('#')
        if (!line.trim() || hash == 0) return null
        String body = hash > 0 ? line.substring(0, hash) : line
        List<String> parts = body.split(':', -1) as List<String>
        Map<String, String> matches = new LinkedHashMap<>()
        Matcher m = MATCH.matcher(parts[1].trim())
        while (m.find()) matches[m.group(1).toLowerCase()] = m.group(2).toLowerCase()
        new UsbRule(parts[0].trim().toLowerCase() == 'allow', matches, number, line)
    }

    /**
     * The rule that decides a device (vid, pid, rel) with its interfaces (class, subclass, prot each): the first DENY
     * an interface meets, or null when every interface meets an ALLOW first. An interface no rule matches is denied:
     * the result is then a DENY rule with no matches on line 0.
     */
    static UsbRule denying(List<UsbRule> rules, Map<String, String> device, List<Map<String, String>> interfaces) {
        for (Map<String, String> iface : interfaces) {
            UsbRule first = rules.find { UsbRule r -> r.matches(device, iface) }
            if (first == null) return new UsbRule(false, [:], 0, '(no rule matches: denied)')
            if (!first.allow) return first
        }
        null
    }

    /** The rule line passthru writes to allow one device. */
    static String allowLine(UsbId id) { "ALLOW:vid=${id.vendor} pid=${id.product} ${MARK}".toString() }

    /**
     * The file with an ALLOW rule for each device ahead of every DENY rule (one already so placed is kept; one placed
     * after a DENY moves up), other lines kept in order; the same text when nothing is to change.
     */
    static String withAllowed(String text, List<UsbId> ids) {
        List<UsbRule> rules = rules(text)
        List<UsbId> missing = ids.findAll { UsbId id -> !placed(rules, id) }
        if (!missing) return text
        Set<Integer> moved = rules.findAll { UsbRule r -> missing.any { UsbId id -> r.allowsExactly(id.vendor,
                id.product) } }*.line as Set<Integer>
        List<String> lines = []
        text.readLines().eachWithIndex { String l, int i -> if (!moved.contains(i + 1)) lines << l }
        int first = lines.findIndexOf { String l -> rule(l, 0) != null }
        int at = first < 0 ? lines.size() : first
        lines.addAll(at, missing.collect { UsbId id -> allowLine(id) })
        lines.join('\n') + '\n'
    }

    /** Whether an exact ALLOW rule for the device comes before every DENY rule. */
    static boolean placed(List<UsbRule> rules, UsbId id) {
        UsbRule allow = rules.find { UsbRule r -> r.allowsExactly(id.vendor, id.product) }
        UsbRule deny = rules.find { UsbRule r -> !r.allow }
        allow != null && (deny == null || allow.line < deny.line)
    }
}
