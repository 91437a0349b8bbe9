package dev.passthru.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam

/** The {@code usbPolicy { }} block (XCP-ng): USB devices the host's passthrough policy allows. */
@CompileStatic
class UsbPolicyContext extends Block {
    final List<UsbId> allow = []

    UsbPolicyContext(Locator locator, PrintStream printed) { super(locator, printed) }

    /** Allows a USB device through the policy: {@code allow vendor: '046d', product: 'c31c'}. */
    void allow(@NamedParam(value = 'vendor', type = String) @NamedParam(value = 'product', type = String)
               Map<String, Object> device) {
        UsbId id = UsbId.of(locator, 'allow', device, ['vendor', 'product'])
        if (allow.any { UsbId a -> a.vendor == id.vendor && a.product == id.product }) {
            throw locator.error("allow: ${id} is already allowed in this block")
        }
        allow << id
    }
}
