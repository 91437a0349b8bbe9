package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * {@code readlink -f /sys/bus/pci/devices/X} for every device, in the glob's order (by name): the kernel nests each
 * device's directory under its parent bridge's, below the root bus's {@code /sys/devices/pciDDDD:BB}
 * (drivers/pci/probe.c pci_register_host_bridge and pci_setup_device), so the path lists the bridges from the top.
 */
@CompileStatic
final class DemoSysfsPaths {
    private DemoSysfsPaths() {}

    /** One resolved path a line. */
    static String render(DemoKvmState s) {
        s.pci*.address.sort { DemoLspci.slot(it) }.collect { PciAddress a -> path(s, a) + '\n' }.join('')
    }

    private static String path(DemoKvmState s, PciAddress a) {
        List<PciAddress> chain = [a]
        Set<PciAddress> seen = [a] as Set
        PciAddress up = s.pcie[a]?.parent
        while (up != null && seen.add(up)) {
            chain.add(0, up)
            up = s.pcie[up]?.parent
        }
        PciAddress top = chain.first()
        String root = String.format('/sys/devices/pci%04x:%02x', top.domain, top.bus)
        root + chain.collect { '/' + DemoLspci.slot(it) }.join('')
    }
}
