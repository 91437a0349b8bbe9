package dev.passthru.spec.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.dsl.Step
import dev.passthru.runtime.demo.DemoAcsPort
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoMlxNic
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.kvm.KvmFlavour
import dev.passthru.runtime.kvm.KvmHost
import dev.passthru.runtime.kvm.KvmPreflight
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operations
import dev.passthru.runtime.pcie.PcieFunction
import dev.passthru.runtime.pcie.PciePortType
import dev.passthru.runtime.pcie.PcieTree
import dev.passthru.spec.engine.Engines

/**
 * The KVM demo host with a PCIe tree for host-preparation specs: root port 00:01.0 (ACS capability 0x001f) above a
 * ConnectX-7 at 07:00.0 (ATS capability, off), root port 00:02.0 (ACS 0x005f) above the GTX 1050 at 06:00.0/.1, and
 * root port 00:03.0 (no ACS) above the NVMe drive; the IOMMU is on (a passthrough host). Until the PCIe tree
 * facts land (branch h17facts), the operations'
 * tree comes from here, built from the demo's state of this boot (ATS as the NIC's firmware gave it at boot).
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
        state.prep.acs[RP1] = new DemoAcsPort(0x001f, 0x0000, 0x0000)
        state.prep.acs[RP2] = new DemoAcsPort(0x005f, 0x0000, 0x0000)
        state.prep.nics[NIC] = new DemoMlxNic(false, false)
    }

    /** The tree of this boot. */
    PcieTree tree() {
        Closure<PcieFunction> port = { PciAddress a ->
            DemoAcsPort p = state.prep.acs[a]
            new PcieFunction(a, null, PciePortType.ROOT_PORT, 0, p?.cap, p?.ctl, null, '8GT/s', 16, [])
        }
        Closure<PcieFunction> endpoint = { PciAddress a, PciAddress parent, Boolean ats ->
            new PcieFunction(a, parent, PciePortType.ENDPOINT, 0, null, null, ats, '8GT/s', 16, [])
        }
        new PcieTree([port(RP1), port(RP2), port(RP3), endpoint(NIC, RP1, state.prep.nics[NIC].atsEnabled),
                      endpoint(GPU, RP2, null), endpoint(GPU_AUDIO, RP2, null), endpoint(NVME, RP3, null)])
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

    /** An engine whose KVM flavour reads this demo's tree; one per run, like the CLI. */
    Engine engine() {
        Facts facts = new Facts(host)
        KvmHost kvm = new KvmHost(facts, facts.read(CommonFacts.TOOLS)) {
            @Override
            PcieTree pcieTree() { PrepDemo.this.tree() }
        }
        Operations<KvmHost> ops = KvmFlavour.operations(1000L)
        Flavour flavour = new Flavour() {
            String name() { KvmFlavour.NAME }

            Preflight preflight(Recipe r) { new KvmPreflight(kvm).run(r) }

            Change plan(Step step) { ops.plan(step, kvm) }

            ActionContext actions() { new ActionContext(facts, Engines.NO_WAIT) }

            Map<String, Object> facts() { [:] }
        }
        new Engine(flavour, host.label(), new Listener() {},
                new Rebooter(facts.transport(), 1000L, 10L, { 0L }, Engines.NO_WAIT))
    }
}
