package dev.passthru.runtime.demo

import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The demo XCP-ng host's dom0 side of USB: /etc/xensource-inventory, the usb-policy file and passthru's copies of it
 * (cat, test -e, cp -p, install, mv as coreutils answer), usb_scan.py -d (its JSON on stdout: json.dumps of the
 * allowed devices with to_pusb's keys in order; a policy it refuses: the message on stderr, exit 1), and the USB sysfs
 * attributes as {@code grep -H ''} prints them. Other commands: null.
 */
@CompileStatic
class DemoUsbHost {
    static final String USB_SCAN = '/opt/xensource/libexec/usb_scan.py'
    /** The one sysfs line it answers whole (globs are not otherwise run). */
    static final String SYSFS = "grep -H '' /sys/bus/usb/devices/*/idVendor /sys/bus/usb/devices/*/idProduct " +
            '/sys/bus/usb/devices/*/bcdDevice /sys/bus/usb/devices/*/bInterfaceClass ' +
            '/sys/bus/usb/devices/*/bInterfaceSubClass /sys/bus/usb/devices/*/bInterfaceProtocol'

    private final DemoUsb usb

    DemoUsbHost(DemoUsb usb) { this.usb = usb }

    /** The answer to one command, or null when it is not about USB. */
    CommandResult answer(String command, List<String> argv, String stdin) {
        if (argv == ['cat', '/etc/xensource-inventory']) return ok(command, inventory())
        if (argv == [USB_SCAN, '-d']) return scan(command)
        String path = argv.size() > 1 ? argv.last() : ''
        String source = argv.size() == 4 ? argv[2] : ''
        if (!path.startsWith(DemoUsb.POLICY) && !source.startsWith(DemoUsb.POLICY)) return null
        Map<String, String> files = usb.files
        if (argv.size() == 2 && argv[0] == 'cat') {
            return files.containsKey(path) ? ok(command, files[path])
                    : fail(command, "cat: ${path}: No such file or directory\n")
        }
        if (argv.size() == 3 && argv[0] == 'test' && argv[1] == '-e') {
            return new CommandResult(command, files.containsKey(path) ? 0 : 1, '', '')
        }
        if (argv.size() == 4 && argv[0] == 'cp' && argv[1] == '-p') {
            if (!files.containsKey(source)) {
                return fail(command, "cp: cannot stat '${source}': No such file or directory\n")
            }
            files[path] = files[source]
            return ok(command, '')
        }
        if (argv.size() == 5 && argv[0] == 'install' && argv[1] == '-m' && argv[3] == '/dev/stdin') {
            files[path] = stdin ?: ''
            return ok(command, '')
        }
        if (argv.size() == 3 && argv[0] == 'mv') {
            if (!files.containsKey(argv[1])) {
                return fail(command, "mv: cannot stat '${argv[1]}': No such file or directory\n")
            }
            files[path] = files.remove(argv[1])
            return ok(command, '')
        }
        DemoHost.usage(command)
    }

    /** The sysfs grep, answered whole; null for another line. */
    CommandResult line(String command) {
        if (command != SYSFS) return null
        Map<String, List<String>> byAttr = new LinkedHashMap<>()
        ['idVendor', 'idProduct', 'bcdDevice', 'bInterfaceClass', 'bInterfaceSubClass', 'bInterfaceProtocol']
                .each { String a -> byAttr[a] = [] }
        (usb.devices*.path.collect { String p -> p.substring(0, p.indexOf('-')) } as Set<String>).each { String bus ->
            // the bus's root hub: Linux Foundation 2.0 root hub, one hub-class interface
            attrs(byAttr, "usb${bus}", "${bus}-0:1.0", '1d6b', '0002', '0601', ['090000'])
        }
        usb.devices.each { DemoUsbDevice d ->
            attrs(byAttr, d.path, "${d.path}:1.", d.vendor, d.product, d.rel, d.interfaces)
        }
        StringBuilder out = new StringBuilder()
        byAttr.each { String a, List<String> lines -> lines.sort().each { out << it << '\n' } }
        ok(command, out.toString())
    }

    private static void attrs(Map<String, List<String>> byAttr, String dev, String iface, String vid, String pid,
                              String rel, List<String> interfaces) {
        String base = '/sys/bus/usb/devices/'
        byAttr.idVendor << "${base}${dev}/idVendor:${vid}".toString()
        byAttr.idProduct << "${base}${dev}/idProduct:${pid}".toString()
        byAttr.bcdDevice << "${base}${dev}/bcdDevice:${rel}".toString()
        interfaces.eachWithIndex { String t, int i ->
            String name = iface.endsWith('.') ? "${iface}${i}" : iface
            byAttr.bInterfaceClass << "${base}${name}/bInterfaceClass:${t.substring(0, 2)}".toString()
            byAttr.bInterfaceSubClass << "${base}${name}/bInterfaceSubClass:${t.substring(2, 4)}".toString()
            byAttr.bInterfaceProtocol << "${base}${name}/bInterfaceProtocol:${t.substring(4, 6)}".toString()
        }
    }

    /** /etc/xensource-inventory: KEY='value' lines (xapi-inventory inventory.ml string_of_table). */
    private String inventory() {
        "BUILD_NUMBER='cloud'\nCONTROL_DOMAIN_UUID='0d7e5f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6'\n" +
                "INSTALLATION_UUID='${usb.hostUuid}'\nMANAGEMENT_ADDRESS_TYPE='IPv4'\nMANAGEMENT_INTERFACE='xenbr0'\n"
    }

    /** usb_scan.py -d: -d only raises the syslog level; stdout is the JSON list of allowed devices. */
    private CommandResult scan(String command) {
        String error = usb.policyError()
        if (error) return fail(command, error)
        String json = usb.allowed().collect { DemoUsbDevice d ->
            String desc = d.vendorDesc + (d.productDesc ? '_' + d.productDesc : '') + (d.serial ? '_' + d.serial : '')
            [path: d.path, version: d.version, 'vendor-id': d.vendor, 'product-id': d.product,
             'vendor-desc': d.vendorDesc, 'product-desc': d.productDesc, speed: d.speed, serial: d.serial,
             description: desc].collect { String k, String v -> "\"${k}\": \"${v}\"" }.join(', ')
        }.collect { "{${it}}" }.join(', ')
        ok(command, "[${json}]\n")
    }

    private static CommandResult ok(String command, String out) { new CommandResult(command, 0, out, '') }

    private static CommandResult fail(String command, String err) { new CommandResult(command, 1, '', err) }
}
