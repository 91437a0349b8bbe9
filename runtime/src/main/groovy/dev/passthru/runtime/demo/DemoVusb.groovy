package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

/** A VUSB on the demo XCP-ng host: a VM's claim on a USB group, attached only while the VM runs from a start. */
@CompileStatic
class DemoVusb {
    final String uuid
    final String vm
    final String group
    boolean attached

    DemoVusb(String uuid, String vm, String group, boolean attached) {
        this.uuid = uuid
        this.vm = vm
        this.group = group
        this.attached = attached
    }
}
