package dev.passthru.runtime.xcpng

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.numa.CpuFacts
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFacts
import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * What {@code passthru facts} shows of an XCP-ng host (and a recipe's {@code facts}), read through the run's facts;
 * a Xen host without XAPI has no xe VMs to list.
 */
@CompileStatic
final class XcpngFactsMap {
    private final XcpngHost host

    XcpngFactsMap(XcpngHost host) { this.host = host }

    Map<String, Object> read() {
        String xl = host.xlInfoNuma()
        HostDevices devices = host.devices()
        Map<String, String> info = XcpngOutput.xlInfo(xl)
        Map<String, String> os = host.osRelease()
        List<PciAddress> hidden = host.hiddenConfigured()
        List<PciAddress> assignable = host.assignable()
        Map<String, Object> f = [:]
        f.product = [name: os.NAME, version: os.VERSION_ID, pretty: os.PRETTY_NAME, xen: info['xen_version']]
        f.kernelCmdline = info['xen_commandline']
        f.iommu = [on: XcpngOutput.iommuOn(info), evidence: ["virt_caps : ${info['virt_caps']}".toString()]]
        f.cpus = CpuFacts.of(XcpngOutput.cpuTopology(xl))
        f.pci = devices.functions().collect { PciFunction p ->
            PciFacts.entry(p, devices, [hidden: hidden.contains(p.address), assignable: assignable.contains(p.address)]
                    as Map<String, Object>)
        }
        f.vms = !host.hasXapi() ? [] : host.vmRecords().collect { Map<String, String> r ->
            [name: r['name-label'], state: r['power-state'], uuid: r['uuid'],
             pci: XcpngOutput.pciEntries(XcpngOutput.xeMap(r['other-config'] ?: '')['pci'])*.address*.toString(),
             mask: XcpngOutput.xeMap(r['VCPUs-params'] ?: '')['mask'] ?: null]
        }
        f
    }
}
