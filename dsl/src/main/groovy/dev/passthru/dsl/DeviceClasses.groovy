package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * PCI class names a recipe may use in {@code pci(class: ...)}, with the class codes (PCI Code and ID Assignment spec)
 * each one means.
 */
@CompileStatic
final class DeviceClasses {
    private DeviceClasses() {}

    static final Map<String, List<String>> NAMES = [
            gpu    : ['0300', '0302', '0380'],
            vga    : ['0300'],
            audio  : ['0401', '0403'],
            nic    : ['02'],
            network: ['02'],
            nvme   : ['0108'],
            storage: ['01'],
            usb    : ['0c03'],
    ].asImmutable()

    /** The class-code prefixes a name or a hex code stands for; IllegalArgumentException for neither. */
    static List<String> prefixes(String name) {
        String n = name.toLowerCase(Locale.ROOT)
        if (NAMES.containsKey(n)) return NAMES[n]
        if (n ==~ /[0-9a-f]{2}|[0-9a-f]{4}/) return [n]
        throw new IllegalArgumentException("unknown device class '${name}': use one of ${NAMES.keySet().join(', ')}, " +
                "or a hex class code such as '0300'")
    }
}
