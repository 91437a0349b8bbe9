package dev.passthru.runtime.pcie

import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * How an HGX host's NVLink fabric is run, as the NVSwitches' drivers say (NVIDIA Fabric Manager user guide, the
 * full-passthrough and shared-NVSwitch models): no NVSwitch; every switch on vfio-pci (given to one VM with all the
 * GPUs, Fabric Manager in the guest); none on vfio-pci (the host's driver and Fabric Manager keep them, only GPUs go to
 * VMs); or some of each, which neither model allows.
 */
@CompileStatic
enum FabricMode {
    NONE('none'), FULL_PASSTHROUGH('full-passthrough'), SHARED_NVSWITCH('shared-nvswitch'), MIXED('mixed')

    /** The word facts print. */
    final String word

    FabricMode(String word) { this.word = word }

    /** NVSwitches: NVIDIA's bridge-class functions (class 0680, vendor 10de), such as the GH100 NVSwitch 10de:22a3. */
    static List<PciFunction> nvswitches(List<PciFunction> functions) {
        functions.findAll { it.vendorId == '10de' && it.classId == '0680' }
    }

    /** The mode the switches' bound drivers imply. */
    static FabricMode of(List<PciFunction> switches) {
        if (switches.isEmpty()) return NONE
        int vfio = switches.count { it.driver == 'vfio-pci' } as int
        vfio == switches.size() ? FULL_PASSTHROUGH : vfio == 0 ? SHARED_NVSWITCH : MIXED
    }
}
