package dev.passthru.spec.demo

import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciSysfs
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import spock.lang.Shared
import spock.lang.Specification

/**
 * The KVM demo host against the real kernel: for each command both answer, the simulator's output has
 * the shape of what the lab's real kernel printed (recipes/kvm/tapes/lab-nic.fresh.yaml): the same kinds
 * of lines, in the same format, read by the same parsers.
 */
class DemoFidelitySpec extends Specification {
    @Shared Tape real = TapeReader.read(Repo.file('recipes/kvm/tapes/lab-nic.fresh.yaml'))

    String recorded(String command) {
        Interaction i = real.interactions.find { it.command == command }
        assert i != null: "the lab tape has no `${command}`"
        i.stdout
    }

    String simulated(String command) { new DemoKvmHost().run(command).stdout }

    /** The kinds of line each command prints, as patterns; a line matching none is a line of its own kind. */
    static final Map<String, List<String>> KINDS = [
        (PciCommands.lspci())      : [/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] [^\[]+( \[[^\]]+\])* \[[0-9a-f]{4}\]: .+ \[[0-9a-f]{4}:[0-9a-f]{4}\]( \(rev [0-9a-f]{2}\))?/,
                                      /\tSubsystem: .+ \[[0-9a-f]{4}:[0-9a-f]{4}\]/, /\tKernel driver in use: [\w-]+/, /\tKernel modules: [\w-]+(, [\w-]+)*/],
        (PciCommands.iommuGroups()): [/\/sys\/kernel\/iommu_groups\/\d+\/devices\/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/],
        (KvmCommands.procCmdline()): [/\S+( \S+)*( +\S+)*/],
        'cat /proc/sys/kernel/random/boot_id': [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/],
        'uname -r'                 : [/\d+\.\d+\.\d+-\d+-amd64/],
    ]

    static Set<String> kinds(String command, String text) {
        text.readLines().collect { String l -> KINDS[command].find { l ==~ it } ?: "unmatched: ${l}".toString() }.toSet()
    }

    def "#command: every line the simulator prints is of a kind the real kernel printed"() {
        when:
        Set<String> sim = kinds(command, simulated(command))
        Set<String> rec = kinds(command, recorded(command))

        then:
        !sim.any { it.startsWith('unmatched') }
        !rec.any { it.startsWith('unmatched') }
        rec.containsAll(sim)

        where:
        command << [PciCommands.lspci(), PciCommands.iommuGroups(), KvmCommands.procCmdline(), 'cat /proc/sys/kernel/random/boot_id', 'uname -r']
    }

    def "the real kernel's outputs read with the parsers the demo's outputs are read with"() {
        expect:
        Lspci.parse(recorded(PciCommands.lspci())).find { it.ids() == '8086:100e' }.modules == ['e1000']
        Lspci.parse(recorded(PciCommands.lspci())).find { it.ids() == '8086:100e' }.driver == 'e1000'
        PciSysfs.iommuGroups(recorded(PciCommands.iommuGroups())).size() == Lspci.parse(recorded(PciCommands.lspci())).size()
        KvmOutput.cpuVendor(recorded(KvmCommands.cpuVendor())) == 'intel'

        and: 'the dmesg line the demo prints is the very line the kernel printed'
        real.interactions.findAll { it.command == KvmCommands.dmesgIommu() && it.exit == 0 }*.stdout.every { it.contains('] DMAR: IOMMU enabled\n') }
        simulatedDmesg().endsWith('] DMAR: IOMMU enabled\n')
    }

    private static String simulatedDmesg() {
        DemoKvmHost h = new DemoKvmHost()
        h.state.procCmdline += ' intel_iommu=on'
        h.run(KvmCommands.dmesgIommu()).stdout
    }
}
