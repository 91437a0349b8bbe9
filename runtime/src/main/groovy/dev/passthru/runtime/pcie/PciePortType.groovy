package dev.passthru.runtime.pcie

import groovy.transform.CompileStatic

/**
 * A PCI Express function's device/port type, as {@code lspci -vvv} names it in its "Express" capability line
 * (pciutils ls-caps.c cap_express: {@code Capabilities: [%02x] Express (v2) Root Port (Slot+), MSI 00}).
 */
@CompileStatic
enum PciePortType {
    ENDPOINT('Endpoint'),
    LEGACY_ENDPOINT('Legacy Endpoint'),
    ROOT_PORT('Root Port'),
    UPSTREAM_PORT('Upstream Port'),
    DOWNSTREAM_PORT('Downstream Port'),
    PCIE_TO_PCI_BRIDGE('PCI-Express to PCI/PCI-X Bridge'),
    PCI_TO_PCIE_BRIDGE('PCI/PCI-X to PCI-Express Bridge'),
    ROOT_COMPLEX_ENDPOINT('Root Complex Integrated Endpoint'),
    ROOT_COMPLEX_EVENT_COLLECTOR('Root Complex Event Collector')

    /** The words lspci prints for it. */
    final String lspciName

    PciePortType(String lspciName) { this.lspciName = lspciName }

    /** The type lspci's words name, or null for words it does not print. */
    static PciePortType ofLspci(String words) { values().find { it.lspciName == words } }

    /** A port of a PCIe switch (upstream or downstream). */
    boolean isSwitchPort() { this == UPSTREAM_PORT || this == DOWNSTREAM_PORT }
}
