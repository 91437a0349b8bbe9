package dev.passthru.dsl

import groovy.transform.CompileStatic

/**
 * USB devices the host's USB passthrough policy must allow (XCP-ng: ALLOW rules in /etc/xensource/usb-policy.conf
 * ahead of its DENY rules, e.g. for keyboards and mice, which the default policy denies).
 */
@CompileStatic
final class UsbPolicyStep extends Step {
    /** The devices to allow, by vendor and product, in the recipe's order. */
    final List<UsbId> allow

    UsbPolicyStep(List<UsbId> allow, SourceLocation location) {
        super(location)
        this.allow = List.copyOf(allow)
    }

    String describe() { "usbPolicy allow ${allow.join(', ')}" }
}
