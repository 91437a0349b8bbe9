package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * A demo ConnectX NIC as mlxconfig sees it: its firmware's ATS_ENABLED for the next boot (a boot copies it into the
 * function's ATSCtl Enable, twin key {@code pci[].ats}).
 */
@CompileStatic
class DemoMlxNic {
    /** mlxconfig's Device type and Name (the card's part number). */
    String type = 'ConnectX7'
    String name = 'MCX755106AS-HEA_Ax'
    String description = 'NVIDIA ConnectX-7 HHHL Adapter Card; 200GbE (default mode) / NDR200 IB; Dual-port ' +
            'QSFP112; PCIe 5.0 x16 with x16 PCIe extension option; Crypto Disabled; Secure Boot Enabled'
    boolean atsNextBoot

    DemoMlxNic(boolean atsNextBoot) { this.atsNextBoot = atsNextBoot }
}
