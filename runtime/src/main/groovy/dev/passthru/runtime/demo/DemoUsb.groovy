package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * USB on the demo XCP-ng host: the devices plugged in, /etc/xensource/usb-policy.conf (and passthru's files beside
 * it), the VUSBs, and the policy check usb_scan.py makes at each scan, written here from xen-api's
 * python3/libexec/usb_scan.py (Policy.parse_line and Policy.check) without passthru's own reader.
 */
@CompileStatic
class DemoUsb {
    static final String POLICY = '/etc/xensource/usb-policy.conf'
    /** xen-api scripts/usb-policy.conf at e2ee48d6, as the xapi package installs it. */
    static final String DEFAULT_POLICY = '''# When you change this file, run 'xe pusb-scan' to confirm
# the file can be parsed correctly.
# You can also run '/opt/xensource/libexec/usb_scan.py -d' to see
# debug output from the script parsing this configuration file.
#
# Syntax is an ordered list of case insensitive rules where # is line comment
#  and each rule is (ALLOW | DENY) : ( match )*
#  and each match is (class|subclass|prot|vid|pid|rel) = hex-number
# Maximum hex value for class/subclass/prot is FF, and for vid/pid/rel is FFFF
#
# Rules are ordered so that the first matching rule will override
# any other rules for the device below it
#
# USB Hubs (class 09) are always denied, independently of the rules in this file
DENY: vid=17e9 # All DisplayLink USB displays
DENY: class=02 # Communications and CDC-Control
ALLOW:vid=056a pid=0315 class=03 # Wacom Intuos tablet
ALLOW:vid=056a pid=0314 class=03 # Wacom Intuos tablet
ALLOW:vid=056a pid=00fb class=03 # Wacom DTU tablet
DENY: class=03 subclass=01 prot=01 # HID Boot keyboards
DENY: class=03 subclass=01 prot=02 # HID Boot mice
DENY: class=0a # CDC-Data
DENY: class=e0 # Wireless controller
DENY: class=ef subclass=04 # Miscellaneous network devices
ALLOW: # Otherwise allow everything else
'''

    /** The host's uuid (/etc/xensource-inventory INSTALLATION_UUID). */
    String hostUuid = '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f'
    /** Files under /etc/xensource passthru may write (the policy, its .passthru.orig and .passthru.new). */
    final Map<String, String> files = new LinkedHashMap<>([(POLICY): DEFAULT_POLICY])
    final List<DemoUsbDevice> devices = []
    final List<DemoVusb> vusbs = []

    /** The devices XAPI lists (a PUSB made at a scan). */
    List<DemoUsbDevice> listed() { devices.findAll { DemoUsbDevice d -> d.pusb != null } }

    /**
     * usb_scan.py's error for the policy file as it is (its log_exit text, which sys.exit prints on stderr), or null
     * when it reads the file.
     */
    String policyError() {
        String text = files[POLICY]
        if (text == null) {
            return "Caught error [Errno 2] No such file or directory: '${POLICY}', policy file error\n"
        }
        for (String line : text.split('\n', -1)) {
            String bad = lineError(line + '\n')
            if (bad) return bad
        }
        null
    }

    /** The devices the policy allows: no hub, and every interface meeting an ALLOW rule before any DENY. */
    List<DemoUsbDevice> allowed() {
        List<List<String>> rules = (files[POLICY] ?: '').readLines().collect { String l -> ruleOf(l) }
                .findAll { it != null }
        devices.findAll { DemoUsbDevice d ->
            !d.interfaces.any { String i -> i.startsWith('09') } && d.interfaces.every { String i ->
                List<String> first = rules.find { List<String> r -> fits(r, d, i) }
                first != null && first[0] == 'allow'
            }
        }
    }

    /** xe pusb-scan: a PUSB (and its USB group, "Group of VID PID USBs") for each device newly allowed. */
    void scan() {
        if (policyError()) return
        List<DemoUsbDevice> ok = allowed()
        devices.each { DemoUsbDevice d ->
            if (ok.contains(d) && d.pusb == null) {
                d.pusb = UUID.nameUUIDFromBytes("demo pusb ${d.path}".bytes).toString()
                d.group = d.group ?: UUID.nameUUIDFromBytes("demo usb-group ${d.path}".bytes).toString()
            }
            if (!ok.contains(d) && d.pusb != null && !vusbs.any { DemoVusb v -> v.group == d.group }) d.pusb = null
        }
    }

    /** A VM started (its VUSBs attach) or stopped (they detach). */
    void powered(String vm, boolean running) { vusbs.findAll { DemoVusb v -> v.vm == vm }*.attached = running }

    /** The device whose PUSB or USB group has this uuid, or null. */
    DemoUsbDevice byPusb(String uuid) { devices.find { DemoUsbDevice d -> d.pusb != null && d.pusb == uuid } }

    DemoUsbDevice byGroup(String uuid) { devices.find { DemoUsbDevice d -> d.pusb != null && d.group == uuid } }

    /** A rule as [action, key, value, key, value ...] (lower case), or null for a blank or comment line. */
    private static List<String> ruleOf(String line) {
        int hash = line.indexOf('#')
        String body = hash >= 0 ? line.substring(0, hash) : line
        if (!body.trim()) return null
        String[] halves = body.split(':')
        List<String> out = [halves[0].trim().toLowerCase()]
        (halves.length > 1 ? halves[1] : '').replaceAll(/\s*=\s*/, '=').trim().split(/\s+/).each { String kv ->
            if (kv) out.addAll(kv.toLowerCase().split('=') as List<String>)
        }
        out
    }

    private static boolean fits(List<String> rule, DemoUsbDevice d, String iface) {
        Map<String, String> have = [vid: d.vendor, pid: d.product, rel: d.rel, 'class': iface.substring(0, 2),
                                    subclass: iface.substring(2, 4), prot: iface.substring(4, 6)]
        (1..<rule.size()).step(2).every { int k -> Integer.parseInt(have[rule[k]], 16) ==
                Integer.parseInt(rule[k + 1], 16) }
    }

    /** usb_scan.py's complaint about one line (with its newline, as Python reads it), or null. */
    private static String lineError(String line) {
        if (line.trim() == '') return null
        int hash = line.indexOf('#')
        if (hash == 0) return null
        // Python cuts the comment off the line it then quotes (keeping the newline only when there is no comment)
        String body = hash > 0 ? line.substring(0, hash) : line
        String[] parts = body.split(':', -1)
        if (parts.length != 2) {
            // Python then fails on the unbound action with a traceback the demo does not model
            if (!body.trim()) throw new TwinCannotAnswerException("usb_scan.py on the policy line '${line.trim()}'")
            String e = parts.length > 2 ? 'too many values to unpack (expected 2)'
                    : 'not enough values to unpack (expected 2, got 1)'
            return "Caught error ${e}, malformed line: ${body}\n"
        }
        String action = parts[0].trim()
        if (!(action.toLowerCase() in ['allow', 'deny'])) {
            return "Malformed action'${action}', malformed line: ${body}\n"
        }
        String target = parts[1].trim()
        String rest = target
        Set<String> tags = [] as Set<String>
        while (rest) {
            def m = rest =~ /(?i)\s*(class|subclass|prot|vid|pid|rel)\s*=\s*([0-9a-f]+)/
            boolean found = m.find()
            if (!found || m.start() > 0) {
                String bad = found ? rest.substring(0, m.start()) : rest
                return "Malformed policy rule, unable to parse '${bad}', malformed line: ${body}\n"
            }
            String tag = ((String) m.group(1)).toLowerCase()
            String hex = ((String) m.group(2)).toLowerCase()
            if (hex.length() != (tag in ['vid', 'pid', 'rel'] ? 4 : 2)) {
                return "hex'${hex}' length error, malformed line ${body}\n"
            }
            if (!tags.add(tag)) return "duplicated tag'${tag}' found, malformed line ${body}\n"
            rest = rest.substring(m.end())
        }
        null
    }
}
