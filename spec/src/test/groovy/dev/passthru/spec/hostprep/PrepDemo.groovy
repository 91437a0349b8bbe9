package dev.passthru.spec.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoPcie
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.spec.engine.Engines

/**
 * The KVM demo host with a PCIe tree for host-preparation specs: root port 00:01.0 (ACS capability 0x001f) above a
 * ConnectX-7 at 07:00.0 (ATS capability, off), root port 00:02.0 (ACS 0x005f) above the GTX 1050 at 06:00.0/.1, and
 * root port 00:03.0 (no ACS) above the NVMe drive (twin keys pci[].parent, port_type, acs_cap, acs_ctl, ats); the
 * IOMMU is on (a passthrough host). The operations read the tree through the PCIe tree facts (lspci -vvv -D, sysfs).
 */
class PrepDemo {
    static final PciAddress RP1 = PciAddress.parse('0000:00:01.0')
    static final PciAddress RP2 = PciAddress.parse('0000:00:02.0')
    static final PciAddress RP3 = PciAddress.parse('0000:00:03.0')
    static final PciAddress NIC = PciAddress.parse('0000:07:00.0')
    static final PciAddress GPU = PciAddress.parse('0000:06:00.0')
    static final PciAddress GPU_AUDIO = PciAddress.parse('0000:06:00.1')
    static final PciAddress NVME = PciAddress.parse('0000:05:00.0')

    final DemoKvmState state = DemoKvmState.standard()
    final DemoKvmHost host = new DemoKvmHost(state)

    PrepDemo() {
        state.iommuDefaultOn = true
        state.pci << new DemoKvmState.Pci('0000:07:00.0', 'Ethernet controller [0200]: Mellanox Technologies ' +
                'MT2910 Family [ConnectX-7] [15b3:1021]', 'Mellanox Technologies Device [15b3:0025]', '15b3:1021',
                'mlx5_core', ['mlx5_core'], 20)
        state.bound[NIC] = 'mlx5_core'
        state.pcie[RP1] = port(0x001f, 0x0000)
        state.pcie[RP2] = port(0x005f, 0x0000)
        state.pcie[RP3] = port(null, null)
        state.pcie[NIC] = endpoint(RP1, false)
        state.pcie[GPU] = endpoint(RP2, null)
        state.pcie[GPU_AUDIO] = endpoint(RP2, null)
        state.pcie[NVME] = endpoint(RP3, null)
    }

    private static DemoPcie port(Integer cap, Integer ctl) {
        new DemoPcie(portType: 'Root Port', link: '8GT/s x16', acsCap: cap, acsCtl: ctl)
    }

    private static DemoPcie endpoint(PciAddress parent, Boolean ats) {
        new DemoPcie(parent: parent, portType: 'Endpoint', link: '8GT/s x16', ats: ats)
    }

    /** Gives the running router-kvm domain {@code a} as a hostdev (written as virsh dumpxml shows one). */
    void runningVmWith(PciAddress a) {
        DemoKvmState.Domain d = state.domains['router-kvm']
        String bus = String.format('0x%02x', a.bus)
        String slot = String.format('0x%02x', a.slot)
        String hostdev = """    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='${bus}' slot='${slot}' function='0x${a.function}'/>
      </source>
    </hostdev>
"""
        d.xml = d.xml.replace('  </devices>', hostdev + '  </devices>')
    }

    static Recipe recipe(String body) {
        new RecipeLoader().load("recipe('prep') {\n${body}\n}\n", 'prep.groovy')
    }

    RunResult apply(String body) { engine().apply(recipe(body)) }

    RunResult plan(String body) { engine().plan(recipe(body)) }

    /** Reboots the demo as the engine's rebooter does: the connection drops, the next one boots. */
    void reboot() {
        try {
            host.run(Rebooter.REBOOT)
        } catch (Exception ignored) {
            // the connection drops under reboot
        }
        host.reconnect()
    }

    /** An engine on this demo, as the CLI wires one. */
    Engine engine() { Engines.on(host, 'kvm') }
}
