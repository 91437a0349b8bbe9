package dev.passthru.runtime.kvm.topology

import dev.passthru.dsl.DeviceClasses
import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * NVIDIA's NVLink fabric rule for a VM (Fabric Manager user guide, full passthrough and shared NVSwitch models): all
 * GPUs and all NVSwitches go to one VM (Fabric Manager runs in the guest), or GPUs only (the NVSwitches stay with the
 * host's Fabric Manager); never some NVSwitches, and never the NVSwitches without every GPU.
 */
@CompileStatic
final class NvlinkFabric {
    private NvlinkFabric() {}

    static final String NVIDIA = '10de'
    /** NVSwitches list as "Bridge [0680]: NVIDIA Corporation Device [10de:22a3]". */
    static final String NVSWITCH_CLASS = '0680'

    static boolean nvswitch(PciFunction f) { f.vendorId == NVIDIA && f.classId == NVSWITCH_CLASS }

    static boolean nvidiaGpu(PciFunction f) { f.vendorId == NVIDIA && f.classId in DeviceClasses.NAMES.gpu }

    /** Why passing {@code passed} to one VM splits the host's fabric, or null when it does not. */
    static String mix(List<PciFunction> host, Collection<PciAddress> passed) {
        List<PciAddress> switches = host.findAll { nvswitch(it) }*.address
        List<PciAddress> gpus = host.findAll { nvidiaGpu(it) }*.address
        List<PciAddress> mine = switches.findAll { passed.contains(it) }
        if (mine.isEmpty()) return null
        List<PciAddress> leftSwitches = switches - mine
        List<PciAddress> leftGpus = gpus.findAll { !passed.contains(it) }
        if (leftSwitches.isEmpty() && leftGpus.isEmpty()) return null
        String switchesLeft = "NVSwitch${leftSwitches.size() > 1 ? 'es' : ''} ${leftSwitches.join(', ')}"
        String left = [leftSwitches ? switchesLeft : null,
                       leftGpus ? "GPU${leftGpus.size() > 1 ? 's' : ''} ${leftGpus.join(', ')}" : null]
                .findAll().join(' and ')
        "the VM gets ${mine.size()} of the host's ${switches.size()} NVSwitches but not ${left}: the NVLink fabric " +
                'is managed in one VM (every GPU and every NVSwitch passed to it, Fabric Manager in the guest) or by ' +
                "the host (GPUs only, the NVSwitches left to the host's Fabric Manager), never split"
    }
}
