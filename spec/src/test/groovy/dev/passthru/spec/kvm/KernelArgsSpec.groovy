package dev.passthru.spec.kvm

import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.spec.twin.LegacyDemoStates
import dev.passthru.runtime.kvm.GrubDefaultFile
import dev.passthru.runtime.kvm.KernelArgs
import spock.lang.Specification

/** Kernel command-line edits: merges, replacements, removals, idempotence, and /etc/default/grub kept byte for byte. */
class KernelArgsSpec extends Specification {

    def "#why"() {
        when:
        List<String> out = KernelArgs.apply(before.tokenize(' '), add, remove)

        then:
        out.join(' ') == after
        KernelArgs.apply(out, add, remove) == out  // applying again changes nothing
        KernelArgs.satisfied(out, add, remove)

        where:
        why                                           | before                                   | add                                      | remove                        || after
        'adds missing tokens at the end'              | 'ro quiet'                               | ['intel_iommu=on', 'iommu=pt']           | []                            || 'ro quiet intel_iommu=on iommu=pt'
        'keeps a token already there'                 | 'quiet iommu=pt'                         | ['iommu=pt']                             | []                            || 'quiet iommu=pt'
        'replaces a value in place'                   | 'hugepages=4 quiet'                      | ['hugepages=16']                         | []                            || 'hugepages=16 quiet'
        'merges vfio-pci.ids with ids already there'  | 'quiet vfio-pci.ids=8086:1521'           | ['vfio-pci.ids=10de:1c81,10de:0fb9']     | []                            || 'quiet vfio-pci.ids=8086:1521,10de:1c81,10de:0fb9'
        'merges without repeating an id'              | 'vfio-pci.ids=10de:1c81'                 | ['vfio-pci.ids=10de:1c81,10de:0fb9']     | []                            || 'vfio-pci.ids=10de:1c81,10de:0fb9'
        'merges modprobe.blacklist'                   | 'modprobe.blacklist=radeon'              | ['modprobe.blacklist=nouveau']           | []                            || 'modprobe.blacklist=radeon,nouveau'
        'removes one id, keeping the others'          | 'quiet vfio-pci.ids=8086:1521,10de:1c81' | []                                       | ['vfio-pci.ids=10de:1c81']    || 'quiet vfio-pci.ids=8086:1521'
        'removes the key when its list empties'       | 'quiet vfio-pci.ids=10de:1c81 ro'        | []                                       | ['vfio-pci.ids=10de:1c81']    || 'quiet ro'
        'removes a key whatever its value'            | 'intel_iommu=on,igfx_off iommu=pt quiet' | []                                       | ['intel_iommu', 'iommu']      || 'quiet'
        'removes an exact token only'                 | 'hugepagesz=1G hugepages=8'              | []                                       | ['hugepages=4']               || 'hugepagesz=1G hugepages=8'
        'a bare flag'                                 | 'ro'                                     | ['quiet']                                | []                            || 'ro quiet'
        'remove then add in one change'               | 'ro amd_iommu=on'                        | ['intel_iommu=on']                       | ['amd_iommu']                 || 'ro intel_iommu=on'
    }

    def "diff lines: what goes, then what comes"() {
        expect:
        KernelArgs.diff(['ro', 'hugepages=4'], ['ro', 'hugepages=16', 'iommu=pt']) == ['- hugepages=4', '+ hugepages=16', '+ iommu=pt']
    }

    def "/etc/default/grub: only the command-line line changes, every other byte stays"() {
        given:
        String before = LegacyDemoStates.GRUB_DEFAULT

        when:
        String after = GrubDefaultFile.edit(before, ['intel_iommu=on', 'iommu=pt'], [])

        then:
        after.readLines().findAll { !it.startsWith('GRUB_CMDLINE_LINUX_DEFAULT=') } == before.readLines().findAll { !it.startsWith('GRUB_CMDLINE_LINUX_DEFAULT=') }
        after.contains('GRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on iommu=pt"\n')
        after.endsWith('#GRUB_INIT_TUNE="480 440 1"\n')
        GrubDefaultFile.cmdline(after) == ['quiet', 'intel_iommu=on', 'iommu=pt']

        and: 'the same change again leaves the text as it is'
        GrubDefaultFile.edit(after, ['intel_iommu=on', 'iommu=pt'], []) == after

        and: 'removing takes it back to the original bytes'
        GrubDefaultFile.edit(after, [], ['intel_iommu', 'iommu']) == before
    }

    def "/etc/default/grub: a key living in GRUB_CMDLINE_LINUX is changed there; a file without the variable gets it appended"() {
        expect:
        GrubDefaultFile.edit('GRUB_CMDLINE_LINUX="hugepages=4"\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\n', ['hugepages=16', 'iommu=pt'], []) ==
                'GRUB_CMDLINE_LINUX="hugepages=16"\nGRUB_CMDLINE_LINUX_DEFAULT="quiet iommu=pt"\n'
        GrubDefaultFile.edit("GRUB_CMDLINE_LINUX_DEFAULT='quiet splash'\n", [], ['splash']) == 'GRUB_CMDLINE_LINUX_DEFAULT="quiet"\n'
        GrubDefaultFile.edit('GRUB_TIMEOUT=5', ['iommu=pt'], []) == 'GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT="iommu=pt"\n'
    }
}
