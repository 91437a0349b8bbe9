package dev.passthru.spec.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import spock.lang.Specification

import java.util.regex.Pattern

/**
 * The demo hosts' {@code lspci -nnk -D} in the format pciutils prints, checked against the source
 * (pciutils lspci.c show_terse: " (prog-if ..)" only with -v; with -k or -v a "\tSubsystem: " line when the
 * function has a subsystem vendor; ls-kernel.c show_kernel: "\tKernel driver in use: ", "\tKernel modules: a, b")
 * and against real outputs: the lab's kernel (recipes/kvm/tapes/lab-nic.fresh.yaml) and a Xen 4.17 dom0 with a
 * device hidden for pciback (spec/src/test/resources/real/xen-lab-dom0/lspci_-nnk_-D.out).
 */
class DemoLspciFormatSpec extends Specification {
    /** One function as lspci -nnk -D prints it, whole: names line (rev, no prog-if), then the -k lines in order. */
    static final Pattern BLOCK = Pattern.compile(
            '[0-9a-f]{4,5}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7] ' +
            '[^\\n\\t\\[]+(?: \\[[^\\]\\n]+\\])* \\[[0-9a-f]{4}\\]: [^\\n]+ \\[[0-9a-f]{4}:[0-9a-f]{4}\\]' +
            '(?: \\(rev [0-9a-f]{2}\\))?\\n' +
            '(?:\\tSubsystem: [^\\n]+ \\[[0-9a-f]{4}:[0-9a-f]{4}\\]\\n)?' +
            '(?:\\tKernel driver in use: [\\w-]+\\n)?' +
            '(?:\\tKernel modules: [\\w-]+(?:, [\\w-]+)*\\n)?')

    static final String LSPCI = 'lspci -nnk -D'

    static String real(String which) {
        which == 'kvm lab'
                ? TapeReader.read(Repo.file('recipes/kvm/tapes/lab-nic.fresh.yaml')).interactions
                        .find { it.command == LSPCI }.stdout
                : Repo.file('spec/src/test/resources/real/xen-lab-dom0/lspci_-nnk_-D.out').getText('UTF-8')
    }

    static String demo(String which) {
        switch (which) {
            case 'xcp-ng': return new DemoXcpngHost().run(LSPCI).stdout
            case 'xcp-ng, 04:01.0 hidden': return new DemoXcpngHost(hidden('0000:04:01.0')).run(LSPCI).stdout
            default: return new DemoKvmHost(DemoKvmState.standard(which)).run(LSPCI).stdout
        }
    }

    static DemoState hidden(String bdf) {
        DemoState s = DemoState.standard()
        s.hideConfigured = [PciAddress.parse(bdf)]
        s.boot()
        s
    }

    /** The output cut into one text per function (a function starts at a line without a leading tab). */
    static List<String> blocks(String out) {
        List<String> found = []
        out.split('(?m)^(?=[^\\t])').findAll { it }.each { found << it }
        found
    }

    def "#source: every function is one whole lspci -nnk block (no prog-if, -k lines in pciutils' order)"() {
        when:
        List<String> functions = blocks(output)

        then:
        functions.size() > 5
        functions.findAll { !BLOCK.matcher(it).matches() } == []
        functions.join('') == output

        where:
        source                        | output
        'real: kvm lab kernel'        | real('kvm lab')
        'real: xen 4.17 dom0'         | real('xen lab')
        'demo: xcp-ng'                | demo('xcp-ng')
        'demo: xcp-ng, 1 hidden'      | demo('xcp-ng, 04:01.0 hidden')
        'demo: kvm debian'            | demo('debian')
        'demo: kvm fedora'            | demo('fedora')
        'demo: kvm proxmox'           | demo('proxmox')
    }

    def "#source: every function but a PCI bridge has its Subsystem line, right after the names line"() {
        expect:
        blocks(output).findAll { String f ->
            !f.contains(' PCI bridge [0604]: ') && !(f.readLines()[1]?.startsWith('\tSubsystem: '))
        } == []

        where:
        source                        | output
        'real: kvm lab kernel'        | real('kvm lab')
        'real: xen 4.17 dom0'         | real('xen lab')
        'demo: xcp-ng'                | demo('xcp-ng')
        'demo: kvm debian'            | demo('debian')
    }

    /** Functions as pciutils prints them: host, slot, what the row shows, the expected text. */
    static final List<List<String>> EXPECTED = [
        ['xcp-ng', '0000:04:01.0', 'subsystem, driver and module',
         '0000:04:01.0 Ethernet controller [0200]: ' +
         'Intel Corporation 82541PI Gigabit Ethernet Controller [8086:107c] (rev 05)\n' +
         '\tSubsystem: Intel Corporation PRO/1000 GT Desktop Adapter [8086:1376]\n' +
         '\tKernel driver in use: e1000\n\tKernel modules: e1000\n'],
        ['xcp-ng, 04:01.0 hidden', '0000:04:01.0', 'pciback in use, the module still listed (as in the real dom0)',
         '0000:04:01.0 Ethernet controller [0200]: ' +
         'Intel Corporation 82541PI Gigabit Ethernet Controller [8086:107c] (rev 05)\n' +
         '\tSubsystem: Intel Corporation PRO/1000 GT Desktop Adapter [8086:1376]\n' +
         '\tKernel driver in use: pciback\n\tKernel modules: e1000\n'],
        ['xcp-ng', '0000:00:1f.2', 'no prog-if for an AHCI controller without -v',
         '0000:00:1f.2 SATA controller [0106]: ' +
         'Intel Corporation C600/X79 series chipset 6-Port SATA AHCI Controller [8086:1d02] (rev 06)\n' +
         '\tSubsystem: Super Micro Computer Inc C600/X79 series chipset 6-Port SATA AHCI Controller ' +
         '[15d9:0624]\n' +
         '\tKernel driver in use: ahci\n\tKernel modules: ahci\n'],
        ['xcp-ng', '0000:81:00.0', 'a function no dom0 driver binds: names and subsystem only',
         '0000:81:00.0 VGA compatible controller [0300]: ' +
         'NVIDIA Corporation GP107 [GeForce GTX 1050 Ti] [10de:1c82] (rev a1)\n' +
         '\tSubsystem: ASUSTeK Computer Inc. GP107 [GeForce GTX 1050 Ti] [1043:8613]\n'],
        ['debian', '0000:00:01.0', 'a root port: no prog-if, no subsystem, built-in driver',
         '0000:00:01.0 PCI bridge [0604]: ' +
         'Intel Corporation Xeon E5/Core i7 IIO PCI Express Root Port 1a [8086:3c02] (rev 07)\n' +
         '\tKernel driver in use: pcieport\n'],
        ['debian', '0000:06:00.0', 'two modules, comma and space',
         '0000:06:00.0 VGA compatible controller [0300]: ' +
         'NVIDIA Corporation GP107 [GeForce GTX 1050] [10de:1c81] (rev a1)\n' +
         '\tSubsystem: Gigabyte Technology Co., Ltd GP107 [GeForce GTX 1050] [1458:3760]\n' +
         '\tKernel driver in use: nouveau\n\tKernel modules: nvidiafb, nouveau\n'],
        ['debian', '0000:05:00.0', 'no rev, no prog-if',
         '0000:05:00.0 Non-Volatile memory controller [0108]: ' +
         'Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 [144d:a808]\n' +
         '\tSubsystem: Samsung Electronics Co Ltd SSD 970 EVO Plus 1TB [144d:a801]\n' +
         '\tKernel driver in use: nvme\n\tKernel modules: nvme\n'],
    ]

    def "#host #bdf prints, byte for byte, #why"() {
        expect:
        blocks(demo(host)).find { it.startsWith(bdf + ' ') } == text

        where:
        [host, bdf, why, text] << EXPECTED
    }

    def "the real dom0 prints a hidden device the way the demo does: pciback in use, the native module listed"() {
        expect:
        blocks(real('xen lab')).find { it.startsWith('0000:00:03.0 ') }.readLines().drop(1) ==
                ['\tSubsystem: Red Hat, Inc. QEMU Virtual Machine [1af4:1100]', '\tKernel driver in use: pciback',
                 '\tKernel modules: e1000']
    }
}
