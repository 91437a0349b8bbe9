package dev.passthru.spec.kvm.topology

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import dev.passthru.spec.kvm.Libvirt
import spock.lang.Specification

/**
 * mirrorTopology end to end on the built-in HGX demo host (--host demo-hgx): selectors (gpus, nearestNic, the
 * NVSwitches) resolved from its PCIe tree, the domain hgx-guest defined anew with the reference structure, a
 * second run in sync, and a recipe splitting the NVLink fabric stopped by preflight.
 */
class MirrorDemoHgxSpec extends Specification {
    static final String RECIPE = """recipe('hgx-mirror') {
    flavour 'kvm'
    vm('hgx-guest') {
        mirrorTopology gpus(vendor: '10de'), nearestNic(gpus(vendor: '10de')), NVSWITCHES, vcpus: 88,
                memory: '1600G', hugepages: true
    }
}
"""

    static Recipe load(String nvswitches) {
        new RecipeLoader().load(RECIPE.replace('NVSWITCHES', nvswitches), 'hgx-mirror.groovy')
    }

    def "apply mirrors the GPUs, their NICs and the NVSwitches into hgx-guest; a second apply changes nothing"() {
        given:
        DemoKvmHost host = DemoHgx.host()
        Recipe recipe = load("pci(vendor: '10de', device: '22a3', count: 'all')")

        when:
        RunResult first = Engines.on(host).apply(recipe)
        String xml = host.state.domains['hgx-guest'].xml
        GuestXml g = new GuestXml(xml)
        RunResult second = Engines.on(host).apply(recipe)

        then:
        first.exitCode() == 0
        first.steps*.status == [StepStatus.CHANGED]
        second.steps*.status == [StepStatus.OK]
        Libvirt.validate(xml).exit == 0

        and: 'the reference structure: 2 expander buses (nodes 0 and 1), each GPU and its NIC behind one guest switch'
        g.expanders()*.get(1) == [0, 1]
        ['0000:18:00.0': '0000:19:00.0', '0000:98:00.0': '0000:99:00.0'].every { String gpu, String nic ->
            g.chainOf(PciAddress.parse(gpu))[1].@index == g.chainOf(PciAddress.parse(nic))[1].@index &&
                    g.chain(PciAddress.parse(gpu))[0] == 'pcie-switch-downstream-port'
        }
        g.cells()*.get(1) == ['0-43', '44-87']
        g.pins().size() == 88
    }

    def "the shipped recipes/kvm/hgx-mirror.groovy: NVIDIA's reference layout, schema-valid, and real libvirtd keeps it"() {
        given:
        DemoKvmHost host = DemoHgx.host()
        File file = Repo.file('recipes/kvm/hgx-mirror.groovy')
        Recipe recipe = new RecipeLoader().load(file.text, file.path)

        when:
        RunResult first = Engines.on(host).apply(recipe)
        String xml = host.state.domains['hgx-guest'].xml
        GuestXml g = new GuestXml(xml)
        Libvirt.Result dumped = Libvirt.defineAndDump(xml, 'hgx-guest')
        GuestXml real = new GuestXml(dumped.out)
        RunResult second = Engines.on(host).apply(recipe)

        then: 'the host prepared, rebooted once, the VM mirrored and started; the second run changes nothing'
        first.exitCode() == 0
        second.steps*.status.every { it == StepStatus.OK }
        host.state.domains['hgx-guest'].state == 'running'

        and: 'two expander buses with nodes 0 and 1, one guest switch per GPU/NIC pair, 88 pinned vCPUs in two cells'
        g.expanders()*.get(1) == [0, 1]
        PAIRS.keySet().collect { g.chainOf(PciAddress.parse(it))[1].@index.toString() }.toSet().size() == 8
        PAIRS.every { String gpu, String nic ->
            g.chainOf(PciAddress.parse(gpu))[1].@index == g.chainOf(PciAddress.parse(nic))[1].@index &&
                    g.chain(PciAddress.parse(gpu))[0] == 'pcie-switch-downstream-port'
        }
        g.cells()*.get(1) == ['0-43', '44-87']
        g.pins().size() == 88

        and: 'virt-xml-validate passes, and the real libvirtd defines it and reads back every hostdev on its chain'
        Libvirt.validate(xml).exit == 0
        dumped.exit == 0
        (PAIRS.keySet() + PAIRS.values()).every { String a ->
            real.chain(PciAddress.parse(a)) == g.chain(PciAddress.parse(a)) &&
                    real.chainOf(PciAddress.parse(a))*.@index*.toString() == g.chainOf(PciAddress.parse(a))*.@index*.toString()
        }
        real.cells() == g.cells()
        real.expanders() == g.expanders()
    }

    /** Each H200 and the ConnectX-7 behind the same host switch (demo-hgx), the pairs NCCL must see together. */
    static final Map<String, String> PAIRS = ['0000:18:00.0': '0000:19:00.0', '0000:29:00.0': '0000:2a:00.0',
                                              '0000:3a:00.0': '0000:3b:00.0', '0000:4b:00.0': '0000:4c:00.0',
                                              '0000:98:00.0': '0000:99:00.0', '0000:a9:00.0': '0000:aa:00.0',
                                              '0000:ba:00.0': '0000:bb:00.0', '0000:cb:00.0': '0000:cc:00.0']

    def "one NVSwitch with the GPUs splits the fabric: preflight stops the run before any change"() {
        given:
        DemoKvmHost host = DemoHgx.host()
        String before = host.state.domains['hgx-guest'].xml

        when:
        RunResult r = Engines.on(host).apply(load("pci('0000:0b:00.0')"))

        then:
        r.exitCode() != 0
        r.problems*.message.any { it.startsWith("the VM gets 1 of the host's 4 NVSwitches but not NVSwitches " +
                '0000:08:00.0, 0000:09:00.0, 0000:0a:00.0: the NVLink fabric is managed in one VM') }
        host.state.domains['hgx-guest'].xml == before
    }
}
