package dev.passthru.runtime.kvm

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.Check
import groovy.transform.CompileStatic

/** attach: a managed {@code <hostdev>} per device, with virsh attach-device --config (other devices kept). */
@CompileStatic
class DomainAttachHandler extends DomainHandler {
    private final List<PciAddress> devices
    private final boolean attach
    private List<PciAddress> todo = []

    DomainAttachHandler(KvmHost host, String vm, List<Device> devices, boolean attach) {
        super(host, vm)
        this.devices = devices*.address
        this.attach = attach
    }

    Check check() {
        List<PciAddress> has = DomainXml.hostdevs(read())
        todo = attach ? devices.findAll { !has.contains(it) } : devices.findAll { has.contains(it) }
        todo ? changed(todo.collect { "${attach ? '+' : '-'} <hostdev type='pci' managed='yes'> ${it}".toString() })
                : Check.ok()
    }

    void apply(Check before) {
        todo.each { PciAddress a ->
            attach ? host.attach(vm, DomainXml.hostdev(a)) : host.detach(vm, DomainXml.hostdev(a))
        }
    }
}
