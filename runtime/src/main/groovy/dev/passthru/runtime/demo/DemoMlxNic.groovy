package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * A demo ConnectX NIC as mlxconfig sees it: its firmware's ATS_ENABLED for the next boot, and whether ATS is enabled
 * in this boot (lspci's ATSCtl: Enable+), which the next boot takes from the firmware.
 */
@CompileStatic
class DemoMlxNic {
    /** mlxconfig's Device type and Name (the card's part number). */
    String type = 'ConnectX7'
    String name = 'MCX755106AS-HEA_Ax'
    String description = 'NVIDIA ConnectX-7 HHHL Adapter Card; 200GbE (default mode) / NDR200 IB; Dual-port ' +
            'QSFP112; PCIe 5.0 x16 with x16 PCIe extension option; Crypto Disabled; Secure Boot Enabled'
    boolean atsNextBoot
    boolean atsEnabled

    DemoMlxNic(boolean atsNextBoot, boolean atsEnabled) {
        this.atsNextBoot = atsNextBoot
        this.atsEnabled = atsEnabled
    }
}
