package dev.passthru.runtime.xcpng.usb

import groovy.transform.CompileStatic

/** One virtual USB device (xe vusb-list): which VM has which USB group, and whether it is attached now. */
@CompileStatic
final class Vusb {
    final String uuid
    final String vmUuid
    /** The VM's name label (empty when the listing did not ask for it). */
    final String vmName
    final String groupUuid
    final boolean attached

    Vusb(String uuid, String vmUuid, String vmName, String groupUuid, boolean attached) {
        this.uuid = uuid
        this.vmUuid = vmUuid
        this.vmName = vmName
        this.groupUuid = groupUuid
        this.attached = attached
    }
}
