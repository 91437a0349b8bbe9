package dev.passthru.spec.twin

import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.twin.TwinFile
import dev.passthru.spec.Repo
import dev.passthru.spec.cli.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * passthru twin make: a KVM twin made from the real-kernel lab's recordings behaves like the lab did (the tape's recipe
 * issues the tape's commands and gets its outputs), a changed recipe runs on it, and a twin made from the KVM demo
 * host over its read-only commands is that host.
 */
class TwinMakeSpec extends Specification {
    @TempDir Path tmp
    String out, err

    int cli(String... args) {
        CliRun r = CliRun.of(tmp, args as List<String>)
        out = r.out
        err = r.err
        r.code
    }

    File twinOf(String tape) {
        File twin = tmp.resolve("${tape}.twin.yaml").toFile()
        assert cli('twin', 'make', '--tape', Repo.file("recipes/kvm/tapes/${tape}.yaml").path, '-o', twin.path) == 0
        twin
    }

    def "a twin made from the lab's tape #tape replays its recipe: the same commands, inputs, statuses and outputs"() {
        given:
        File twin = twinOf(tape)
        File session = tmp.resolve('session.yaml').toFile()
        Tape recorded = TapeReader.read(Repo.file("recipes/kvm/tapes/${tape}.yaml"))

        when:
        int code = cli('apply', Repo.file("recipes/kvm/${recipe}.groovy").path, '--host', "twin:${twin}",
                '--record', session.path)

        then:
        code == 0
        SessionDifferences.of(recorded, TapeReader.read(session)) == []

        where:
        tape                      | recipe
        'lab-nic.fresh'           | 'lab-nic'
        'lab-nic.second-run'      | 'lab-nic'
        'lab-nic-undo.fresh'      | 'lab-nic-undo'
        'lab-nic-undo.second-run' | 'lab-nic-undo'
    }

    def "the twin of the lab's fresh tape is the lab as recorded: busybox, its loader's line, the IOMMU on by default"() {
        when:
        File twin = twinOf('lab-nic.fresh')

        then: 'what the recording showed'
        twin.text.contains('userland: busybox\n')
        twin.text.contains('kernel: "6.1.0-56-amd64"\n')
        twin.text.contains('  cmdline: "console=ttyS0  quiet"\n')
        twin.text.contains('  grub_line: "console=ttyS0 $GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT"\n  grub_words: false\n')
        twin.text.contains('  default_on: true\n')
        twin.text.contains('  reboot_answers: true\n')
        twin.text.contains('  update_grub_stderr: |\n    Generating grub configuration file ...\n    done\n')

        and: 'what it did not show is said, in the file and on stderr'
        err.contains('not derived: cpus: lscpu was not read;')
        twin.text.contains('#   pci[].numa_node: the sysfs numa_node files were not read; 0 is written\n')
        twin.text.contains('# made by passthru twin make from tape ')
    }

    def "a changed recipe runs on the twin of a recording: another device, an extra step, steps in another order"() {
        given:
        File twin = twinOf('lab-nic.fresh')
        File recipe = tmp.resolve('changed.groovy').toFile()
        recipe.text = """recipe('changed') {
  flavour 'kvm'
  def nic = pci '0000:00:03.0'
  def nvme = pci '0000:00:04.0'
  hide nvme
  kernel { iommu() }
  hide nic
  reboot()
  verify { assignable nvme; assignable nic }
}
"""
        File after = tmp.resolve('after.yaml').toFile()

        when:
        int code = cli('apply', recipe.path, '--host', "twin:${twin}", '--save-twin', after.path)

        then:
        code == 0
        out.contains('verified in effect')

        and: 'both functions are bound to vfio-pci after the reboot, in the twin the run left'
        cli('facts', '--host', "twin:${after}", '--flavour', 'kvm', '--json') == 0
        Map facts = (Map) new groovy.json.JsonSlurper().parseText(out)
        facts.pci.findAll { it.driver == 'vfio-pci' }*.address == ['0000:00:03.0', '0000:00:04.0']
        facts.kernelCmdline == 'console=ttyS0 quiet vfio-pci.ids=1b36:0010,8086:100e intel_iommu=on iommu=pt'
    }

    def "a twin made from the KVM demo host over its read-only commands is that host, and says what it could not see"() {
        given:
        File twin = tmp.resolve('demo.yaml').toFile()

        when:
        int code = cli('twin', 'make', '--host', 'demo-kvm', '-o', twin.path)
        String shipped = TwinFile.resource('demo-kvm')

        then:
        code == 0
        err.contains("wrote ${twin.path}: twin of demo-kvm-debian-12 (kvm)")
        withoutUnseen(twin.text) == withoutUnseen(shipped)
        err.readLines().findAll { it.startsWith('not derived: ') }.collect { it.split(': ')[1] } ==
                ['boot.reboot_answers', 'boot.initramfs_softdeps', 'boot.update_grub_stderr', 'pci[].iommu_group',
                 'iommu.enabled_message']
    }

    def "a twin made from the HGX demo host reads its PCIe tree (lspci -vvv -D, sysfs paths): the same pcie facts"() {
        given:
        File twin = tmp.resolve('hgx.yaml').toFile()
        cli('facts', '--host', 'demo-hgx', '--flavour', 'kvm', '--json')
        Map host = (Map) new groovy.json.JsonSlurper().parseText(out)

        when:
        int code = cli('twin', 'make', '--host', 'demo-hgx', '-o', twin.path)

        then:
        code == 0
        twin.text.contains('  parent: "0000:17:00.0"\n  port_type: Endpoint\n  link: "32GT/s x16"\n' +
                '  bars: ["16M", "256G 64-bit prefetchable", "32M 64-bit prefetchable"]\n')
        !err.readLines().any { it.startsWith('not derived: pci[].parent') || it.startsWith('not derived: pci[].port_type') }

        and:
        cli('facts', '--host', "twin:${twin}", '--flavour', 'kvm', '--json') == 0
        Map made = (Map) new groovy.json.JsonSlurper().parseText(out)
        made.pcie == host.pcie
        ((List) made.pcie.functions).count { it.portType == 'Downstream Port' } > 0
    }

    def "every modprobe.d file comes into a twin made from a host (grep -H over the directory), not only passthru's"() {
        given: 'the demo after vfio-gpu (passthru-vfio.conf written), with a file of its own added by hand'
        File after = tmp.resolve('after.yaml').toFile()
        assert cli('apply', Repo.file('recipes/kvm/vfio-gpu.groovy').path, '--host', 'demo-kvm', '--save-twin', after.path) == 0
        after.text = after.text.replace('files:\n', 'files:\n  /etc/modprobe.d/blacklist-nouveau.conf: |\n' +
                '    blacklist nouveau\n\n    options nouveau modeset=0\n')
        File made = tmp.resolve('made.yaml').toFile()

        when:
        int code = cli('twin', 'make', '--host', "twin:${after}", '-o', made.path)
        DemoKvmState s = TwinFile.kvm(made.text, 'made.yaml')

        then:
        code == 0
        s.files['/etc/modprobe.d/blacklist-nouveau.conf'] == 'blacklist nouveau\n\noptions nouveau modeset=0\n'
        s.files['/etc/modprobe.d/passthru-vfio.conf'] == TwinFile.kvm(after.text, 'after.yaml').files['/etc/modprobe.d/passthru-vfio.conf']
        !err.contains('not derived: files:')
    }

    /** A twin file without its comments and the keys the demo host does not show with its IOMMU off (groups, mtimes). */
    static String withoutUnseen(String text) {
        text.readLines().findAll { !it.startsWith('#') && !it.contains('iommu_group: ') }
                .join('\n').replaceAll(/(?s)\nclock: .*?\nvms:/, '\nvms:')
    }

    def "twin make wants one of --host and --tape, and a tape that is there, or says so in one line with exit 64"() {
        expect:
        cli('twin', 'make', '--host', 'demo', '--tape', 'x.yaml', '-o', tmp.resolve('t.yaml').toString()) == 64
        err.trim() == 'error: twin make: give --host or --tape (one of them)'
        cli('twin', 'make', '-o', tmp.resolve('t.yaml').toString()) == 64
        err.trim() == 'error: twin make: give --host or --tape (one of them)'
        cli('twin', 'make', '--tape', tmp.resolve('none.yaml').toString(), '-o', tmp.resolve('t.yaml').toString()) == 64
        err.trim() == "error: --tape ${tmp.resolve('none.yaml')}: no such file"
    }
}
