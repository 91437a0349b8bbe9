package dev.passthru.runtime.xcpng.usb

import groovy.transform.CompileStatic

/**
 * One rule of /etc/xensource/usb-policy.conf: ALLOW or DENY with its matches (class, subclass, prot, vid, pid,
 * rel; lower-case hex), and the line it is on (1-based).
 */
@CompileStatic
final class UsbRule {
    /** The keys a rule may match, as usb_scan.py's Policy names them. */
    static final List<String> KEYS = ['class', 'subclass', 'prot', 'vid', 'pid', 'rel']

    final boolean allow
    final Map<String, String> matches
    final int line
    /** The line as the file has it, without its newline. */
    final String text

    UsbRule(boolean allow, Map<String, String> matches, int line, String text) {
        this.allow = allow
        this.matches = Collections.unmodifiableMap(new LinkedHashMap<String, String>(matches))
        this.line = line
        this.text = text
    }

    /** Whether this rule matches a device (vid, pid, rel) and one of its interfaces (class, subclass, prot). */
    boolean matches(Map<String, String> device, Map<String, String> iface) {
        matches.every { String k, String v ->
            String have = k in ['class', 'subclass', 'prot'] ? iface[k] : device[k]
            have != null && Integer.parseInt(have, 16) == Integer.parseInt(v, 16)
        }
    }

    /** Whether this is exactly {@code ALLOW: vid=V pid=P}. */
    boolean allowsExactly(String vid, String pid) { allow && matches == [vid: vid, pid: pid] }
}
