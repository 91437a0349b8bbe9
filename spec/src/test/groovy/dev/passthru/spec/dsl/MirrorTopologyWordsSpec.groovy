package dev.passthru.spec.dsl

import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import spock.lang.Specification

/** mirrorTopology in a vm block: the step it makes (devices, vCPUs, memory, hugepages, I/O threads), its mistakes. */
class MirrorTopologyWordsSpec extends Specification {
    static Recipe load(String body) { new RecipeLoader().load("recipe('x') {\n  ${body}\n}\n", 'x.groovy') }

    def "mirrorTopology makes one step with its devices, sizes and options, at its line"() {
        when:
        Recipe r = load("vm('hgx-guest') {\n    mirrorTopology gpus(), pci('0000:18:00.0'), pci(vendor: '10de', " +
                "device: '22a3', count: 'all'), vcpus: 88, memory: '1600G', hugepages: true, iothreads: 2\n" +
                "    mirrorTopology pci('0000:18:00.0'), vcpus: 4, memory: '4096M'\n  }")
        MirrorTopologyStep a = (MirrorTopologyStep) r.steps[0]
        MirrorTopologyStep b = (MirrorTopologyStep) r.steps[1]

        then:
        a.vm == 'hgx-guest' && a.vcpus == 88 && a.memoryKiB == 1600L * 1024 * 1024 && a.hugepages && a.iothreads == 2
        a.devices.size() == 3 && a.devices[1].address == PciAddress.parse('0000:18:00.0') && !a.devices[0].resolved
        a.location.line == 3
        b.memoryKiB == 4L * 1024 * 1024 && !b.hugepages && b.iothreads == 0
        b.describe() == "mirror the host topology of 0000:18:00.0 into VM 'hgx-guest' (4 vCPUs, 4G)"
    }

    def "#body is refused at its line: #message"() {
        when:
        load(body)

        then:
        RecipeException e = thrown()
        e.userMessage() == "x.groovy:2: ${message}".toString()

        where:
        body                                                                   || message
        "vm('w') { mirrorTopology gpus(), vcpus: 8 }"                          || "mirrorTopology: give vcpus: and memory: (e.g. vcpus: 88, memory: '1600G'); they are split over the NUMA nodes the devices sit on"
        "vm('w') { mirrorTopology gpus(), vcpus: 0, memory: '8G' }"            || "mirrorTopology: vcpus: is a whole number from 1 up, not '0'"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: 8192 }"            || "mirrorTopology: memory: '8192' is not a size: write it with its unit, e.g. '1600G', '65536M' (K, M, G, T: powers of 1024, as libvirt's KiB, MiB, GiB, TiB)"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: '8 gigs' }"        || "mirrorTopology: memory: '8 gigs' is not a size: write it with its unit, e.g. '1600G', '65536M' (K, M, G, T: powers of 1024, as libvirt's KiB, MiB, GiB, TiB)"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: '0G' }"            || "mirrorTopology: memory: '0G' is zero"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: '8G', hugepages: 'yes' }" || "mirrorTopology: hugepages: is true or false, not 'yes'"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: '8G', iothreads: -1 }"    || "mirrorTopology: iothreads: is a whole number from 0 up, not '-1'"
        "vm('w') { mirrorTopology gpus(), vcpus: 8, memory: '8G', cpus: 4 }"   || 'mirrorTopology: unknown option cpus (only vcpus:, memory:, hugepages:, iothreads:)'
        "vm('w') { mirrorTopology vcpus: 8, memory: '8G' }"                    || 'mirrorTopology: names no device'
    }
}
