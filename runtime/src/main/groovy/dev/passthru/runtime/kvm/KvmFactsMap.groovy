package dev.passthru.runtime.kvm

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.numa.CpuFacts
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFacts
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pcie.PcieFactsMap
import groovy.transform.CompileStatic

/** What {@code passthru facts} shows of a KVM host (and a recipe's {@code facts}), read through the run's facts. */
@CompileStatic
final class KvmFactsMap {
    private final KvmHost host

    KvmFactsMap(KvmHost host) { this.host = host }

    Map<String, Object> read() {
        HostDevices devices = host.devices()
        Map<PciAddress, Integer> groups = devices.groups()
        Map<String, String> os = host.osRelease()
        Map<String, Object> f = [:]
        f.product = [name: os.NAME, version: os.VERSION_ID, pretty: os.PRETTY_NAME, kernel: host.kernelRelease()]
        f.kernelCmdline = host.runningCmdline().join(' ')
        f.iommu = [on: !groups.isEmpty(), evidence: host.iommuMessages().collect { it.replaceFirst(/^\[[ 0-9.]+\] /,
                '') }]
        f.cpus = CpuFacts.of(host.cpus())
        f.pci = devices.functions().collect { PciFunction p ->
            PciFacts.entry(p, devices, [iommuGroup: groups[p.address], groupMembers: groups[p.address] == null ? []
                    : groups.findAll { k, v -> v == groups[p.address] && k != p.address }.keySet()*.toString()]
                    as Map<String, Object>)
        }
        f.pcie = PcieFactsMap.of(host.pcieTree(), devices.functions())
        f.vms = 'virsh' in host.tools ? host.domains().collect { String vm ->
            String xml = host.domainXml(vm)
            Pinning pins = DomainXml.pinning(xml)
            [name: vm, state: host.state(vm).shown, hostdevs: DomainXml.hostdevs(xml)*.toString(),
                    vcpupin: pins.vcpus.collect { Integer v, String c -> "${v}:${c}".toString() }]
        } : []
        f
    }
}
