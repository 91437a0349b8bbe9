package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * The demo host's GPUs as XAPI sees them: its pGPUs, the host's system display device, supplemental pack ISOs (and
 * which are installed), the VMs' vGPUs, and vGPU types an operator disabled on a pGPU. A pack named {@code mxgpu},
 * loaded in this boot, gives AMD FirePro S7150s their MxGPU types and SR-IOV virtual functions.
 */
@CompileStatic
class DemoGpuState {
    /** The MxGPU pack's name (xcp-ng-org docs: mxgpu-2.0.0.amd.iso). */
    static final String MXGPU = 'mxgpu'
    /** The S7150's device id (xapi_vgpu_type.ml: "FirePro S7150" has 6929 (PF), 692f (VF)). */
    static final String S7150 = '1002:6929'
    /**
     * How many VFs the gim driver makes of an S7150 (assumed: not recorded from a host); they show the PF's
     * subsystem, whose id (1002:0335) pci.ids does not name (assumed too).
     */
    static final int VFS = 4

    final List<DemoGpu> gpus = []
    /** The GPU the host's console runs on (null: none of the pGPUs). */
    PciAddress systemDisplay
    final List<DemoPack> packs = []
    final List<DemoVgpu> vgpus = []
    /** Model names disabled per pGPU (xe pgpu-param-remove ... param-name=enabled-VGPU-types). */
    final Map<PciAddress, List<String>> disabled = [:]

    /** Whether the MxGPU pack is loaded in this boot. */
    boolean mxgpuLoaded() { packs.any { DemoPack p -> p.label == MXGPU && p.loaded() } }

    /** A boot: packs applied take effect, the MxGPU pack's VFs appear, no vGPU stays resident. */
    void boot(DemoState s) {
        packs.each { DemoPack p -> p.rebootNeeded = false }
        vgpus.each { DemoVgpu v -> v.residentOn = null }
        if (!mxgpuLoaded()) return
        gpus.findAll { DemoGpu g -> s.pci[g.address]?.contains("[${S7150}]") }.each { DemoGpu g ->
            s.drivers[g.address] = 'gim'
            (0..<VFS).each { int i ->
                PciAddress vf = new PciAddress(g.address.domain, g.address.bus, 2, i)
                if (s.pci.containsKey(vf)) return
                s.pci[vf] = 'VGA compatible controller [0300]: Advanced Micro Devices, Inc. [AMD/ATI] Tonga XTV GL ' +
                        '[FirePro S7150V] [1002:692f]'
                s.subsystems[vf] = s.subsystems[g.address]
                s.drivers.put(vf, (String) null)
                s.nodes[vf] = s.nodes[g.address]
                s.physfn[vf] = g.address
            }
            LinkedHashMap<PciAddress, String> sorted = new LinkedHashMap<>(new TreeMap<PciAddress, String>(s.pci))
            s.pci.clear()
            s.pci.putAll(sorted)
        }
    }
}
