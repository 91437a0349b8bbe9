package dev.passthru.runtime.pci

import groovy.transform.CompileStatic

/** One PCI function as {@code passthru facts} shows it on either flavour; each flavour adds what it alone knows. */
@CompileStatic
final class PciFacts {
    private PciFacts() {}

    /** The function's entry: ids, class, driver, node, then {@code extra} (the flavour's keys), then SR-IOV links. */
    static Map<String, Object> entry(PciFunction p, HostDevices devices, Map<String, Object> extra) {
        Map<String, Object> m = [address: p.address.toString(), classId: p.classId, className: p.className,
                                 ids: p.ids(), description: p.description, driver: p.driver, modules: p.modules,
                                 numaNode: devices.numaNode(p.address)] as Map<String, Object>
        m.putAll(extra)
        m.physfn = devices.physfns()[p.address]?.toString()
        m.virtfns = devices.virtfns(p.address)*.toString()
        m
    }
}
