package dev.passthru.spock

import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.NumaMemory
import dev.passthru.runtime.xcpng.PciEntry
import groovy.transform.CompileStatic

/**
 * One VM's state on the host, each property read when asked (through the runtime's facts): power state, PCI devices
 * handed to it, vCPU pinning, NUMA memory placement.
 */
@CompileStatic
final class VmView {
    final String name
    private final HostReader host

    VmView(String name, HostReader host) {
        this.name = name
        this.host = host
    }

    private String uuid() { host.xcpng.vmUuid(name) }

    private String xml() { host.kvm.domainXml(name) }

    /** The power state as the host says it ({@code running}, {@code halted}, {@code shut off}, ...). */
    String getState() { host.xcpng ? host.xcpng.power(uuid()).shown : host.kvm.state(name).shown }

    /** The PCI functions given to the VM, as addresses ({@code 0000:04:01.0}). */
    List<String> getPciDevices() {
        host.xcpng ? host.xcpng.pciOf(uuid()).collect { PciEntry e -> e.address.toString() }
                : DomainXml.hostdevs(xml()).collect { it.toString() }
    }

    /**
     * The vCPU pinning: XCP-ng, the CPUs of VCPUs-params:mask ({@code 0,1,2,3}); KVM, each vcpupin as
     * {@code vcpu:cpuset} ({@code 0:8 1:9}); empty when not pinned.
     */
    String getPinning() {
        host.xcpng ? host.xcpng.maskOf(uuid()).join(',')
                : DomainXml.pinning(xml()).vcpus.collect { Integer v, String c -> "${v}:${c}" }.join(' ')
    }

    /** KVM: the numatune memory placement as {@code mode:nodeset} ({@code strict:1}), or null; XCP-ng: null. */
    String getNumaMemory() {
        if (host.xcpng) return null
        NumaMemory m = DomainXml.numaMemory(xml())
        m?.toString()
    }

    String toString() { name }
}
