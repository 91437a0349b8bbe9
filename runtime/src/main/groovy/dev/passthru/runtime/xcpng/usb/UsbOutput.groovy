package dev.passthru.runtime.xcpng.usb

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.XcpngOutput
import groovy.transform.CompileStatic

/**
 * Pure parsers of what XCP-ng prints about USB: xe pusb-list and vusb-list records (xen-api records.ml fields, printed
 * as cli_printer.ml's {@code name ( RO): value} records), /etc/xensource-inventory ({@code KEY='value'} lines, xen-api
 * ocaml/libs/xapi-inventory inventory.ml) and the USB sysfs attributes as {@code grep -H ''} prints them
 * ({@code PATH:VALUE}).
 */
@CompileStatic
final class UsbOutput {
    private UsbOutput() {}

    /** PUSBs from {@code xe pusb-list params=...} records. */
    static List<Pusb> pusbs(String stdout) {
        XcpngOutput.records(stdout).collect { Map<String, String> r ->
            new Pusb(field(r, 'uuid', 'pusb-list'), field(r, 'path', 'pusb-list'), field(r, 'vendor-id', 'pusb-list'),
                    field(r, 'product-id', 'pusb-list'), r['serial'] ?: '', r['description'] ?: '',
                    bool(r['passthrough-enabled'] ?: 'false', 'passthrough-enabled'))
        }
    }

    /** VUSBs from {@code xe vusb-list params=...} records. */
    static List<Vusb> vusbs(String stdout) {
        XcpngOutput.records(stdout).collect { Map<String, String> r ->
            new Vusb(field(r, 'uuid', 'vusb-list'), field(r, 'vm-uuid', 'vusb-list'), r['vm-name-label'] ?: '',
                    field(r, 'usb-group-uuid', 'vusb-list'), bool(r['currently-attached'] ?: 'false',
                    'currently-attached'))
        }
    }

    /** This host's uuid: INSTALLATION_UUID in /etc/xensource-inventory. */
    static String installationUuid(String stdout) {
        String line = stdout.readLines().find { String l -> l.startsWith('INSTALLATION_UUID=') }
        if (line == null) throw new OutputFormatException('/etc/xensource-inventory has no INSTALLATION_UUID line')
        String v = line.substring('INSTALLATION_UUID='.length()).trim()
        v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1).trim() : v
    }

    /**
     * USB sysfs attributes ({@code /sys/bus/usb/devices/NAME/ATTR:VALUE} lines) by device or interface name
     * ({@code 1-2}, {@code 1-2:1.0}), each as attribute to value.
     */
    static Map<String, Map<String, String>> sysfs(String stdout) {
        Map<String, Map<String, String>> out = new TreeMap<>()
        stdout.readLines().findAll { String l -> l.trim() }.each { String l ->
            def m = l =~ '^/sys/bus/usb/devices/([^/]+)/(\\w+):(.*)$'
            if (!m.matches()) throw new OutputFormatException("USB sysfs: cannot read '${l}' (expected PATH:VALUE)")
            out.computeIfAbsent((String) m.group(1)) { new LinkedHashMap<String, String>() }[(String) m.group(2)] =
                    ((String) m.group(3)).trim()
        }
        out
    }

    private static String field(Map<String, String> r, String key, String tool) {
        String v = r[key]
        if (v == null) throw new OutputFormatException("xe ${tool}: a record has no ${key} field: ${r}")
        v
    }

    private static boolean bool(String v, String key) {
        if (!(v in ['true', 'false'])) throw new OutputFormatException("xe: ${key} is '${v}', not true or false")
        v == 'true'
    }
}
