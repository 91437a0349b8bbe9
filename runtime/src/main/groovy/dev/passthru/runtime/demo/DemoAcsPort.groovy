package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/**
 * A demo bridge's ACS extended capability: its capability bits, the control value the firmware and kernel leave at
 * boot, and the control value now (setpci writes it; a reboot resets it to the boot value).
 */
@CompileStatic
class DemoAcsPort {
    final int cap
    final int boot
    int ctl

    DemoAcsPort(int cap, int boot, int ctl) {
        this.cap = cap
        this.boot = boot
        this.ctl = ctl
    }
}
