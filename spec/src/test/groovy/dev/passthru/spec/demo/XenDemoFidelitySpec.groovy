package dev.passthru.spec.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.xcpng.XcpngOutput
import dev.passthru.spec.Repo
import spock.lang.Shared
import spock.lang.Specification

/**
 * The XCP-ng demo host's xl against a real Xen 4.17 (the Xen lab): for each command both answer, the simulator prints
 * what the real xl printed in the lab (recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml and
 * spec/src/test/resources/real/xen-lab-dom0): the same fields in the same order, the same column widths, the same
 * trailing spaces, read by the same parsers. The values differ (the demo is a bigger host); the format may not.
 */
class XenDemoFidelitySpec extends Specification {
    static final File REAL = Repo.file('spec/src/test/resources/real/xen-lab-dom0')
    @Shared Tape lab = TapeReader.read(Repo.file('recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml'))

    /** What the lab printed the last time the recipe ran this command (after the reboot: the e1000 hidden). */
    String recorded(String command) {
        Interaction i = lab.interactions.findAll { it.command == command }.last()
        assert i != null: "the Xen lab tape has no `${command}`"
        i.stdout
    }

    static String simulated(String command) {
        DemoXcpngHost demo = new DemoXcpngHost()
        demo.state.assignable = [PciAddress.parse('0000:04:01.0'), PciAddress.parse('0000:05:00.0')]
        demo.run(command).stdout
    }

    /** A {@code %-23s: %s} field line (the table headers, "cpu:    core ...", are not). */
    static final String FIELD = /[a-z_0-9 ]{23}: .*/

    /** The names of the field lines, in order, and of the tables' titles ("cpu_topology           :"). */
    static List<String> fields(String text) {
        text.readLines().findAll { it ==~ FIELD || it ==~ /[a-z_ ]{23}:/ }
                .collect { it.substring(0, it.indexOf(':')).trim() }
    }

    /**
     * A line's shape: each run of spaces followed by digits becomes its width (right-aligned printf columns keep it
     * whatever the number), other characters stay; the numa_info distances after the first are dropped (one per node).
     */
    static String shape(String line) {
        line.replaceAll(/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/, 'BDF').replaceFirst(/(\d),\d+(,\d+)*$/, '$1')
                .replaceAll(/ *\d+/) { String run -> "#${run.length()}" }
    }

    /** The table lines of xl info -n (those that are not field lines), as shapes, each kind once. */
    static Set<String> tableShapes(String text) {
        text.readLines().findAll { !(it ==~ FIELD) }.collect { shape(it) }.toSet()
    }

    def "xl info -n: the demo prints the lab's fields, in the lab's order, each padded to 23 columns"() {
        given:
        String real = recorded('xl info -n')
        String sim = simulated('xl info -n')

        expect:
        fields(sim) == fields(real)
        fields(real).containsAll(['virt_caps', 'cpu_topology', 'device topology', 'numa_info', 'xen_commandline'])
    }

    def "xl info: the same fields as the lab's xl info, and as the lab's own xl info -n less its tables"() {
        given:
        String real = new File(REAL, 'xl_info.out').text

        expect:
        fields(simulated('xl info')) == fields(real)
        fields(real) == fields(recorded('xl info -n')) - ['cpu_topology', 'device topology', 'numa_info']
    }

    def "xl info -n: the cpu_topology, device topology and numa_info tables have the lab's headers and columns"() {
        given:
        Set<String> real = tableShapes(recorded('xl info -n'))
        Set<String> sim = tableShapes(simulated('xl info -n'))

        expect: 'every kind of table line the demo prints, the lab printed (the lab has no device topology rows)'
        (sim - real) == ['BDF#7'] as Set
        simulated('xl info -n').contains('\n0000:04:01.0      0\n')
        (real - sim) == ['No device topology data available'] as Set

        and: 'the headers, byte for byte'
        ['cpu:    core    socket     node', 'device           node', 'node:    memsize    memfree    distances']
                .every { real.contains(it) && sim.contains(it) }
    }

    def "xl info: the lines the real xl ends with a space end with one in the demo too"() {
        expect:
        fields(spaced(recorded('xl info -n'))) == ['xen_caps', 'xen_changeset']
        fields(spaced(simulated('xl info -n'))) == ['xen_caps', 'xen_changeset']
    }

    def "xl pci-assignable-list: one BDF and a space per line, as the real xl printed it"() {
        given:
        String real = recorded('xl pci-assignable-list')

        expect:
        real == new File(REAL, 'xl_pci-assignable-list.out').text
        real == '0000:00:03.0 \n'
        simulated('xl pci-assignable-list') == '0000:04:01.0 \n0000:05:00.0 \n'
    }

    def "the lab's outputs read with the parsers the demo's outputs are read with"() {
        expect:
        XcpngOutput.assignable(recorded('xl pci-assignable-list')) == [PciAddress.parse('0000:00:03.0')]
        XcpngOutput.assignable(simulated('xl pci-assignable-list'))*.toString() == ['0000:04:01.0', '0000:05:00.0']
        XcpngOutput.xenCommandline(recorded('xl info -n')).contains('iommu=1,verbose')
        Lspci.parse(recorded('lspci -nnk -D')).find { it.ids() == '8086:100e' }.modules == ['e1000']
    }

    /** The lines that end with a space. */
    private static String spaced(String text) { text.readLines().findAll { it.endsWith(' ') }.join('\n') }
}
