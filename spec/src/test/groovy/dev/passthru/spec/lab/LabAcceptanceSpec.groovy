package dev.passthru.spec.lab

import dev.passthru.runtime.cli.Main
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import dev.passthru.spec.twin.SessionDifferences
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Acceptance on a real kernel: the shipped KVM lab recipes against the lab host (a Debian 6.1 kernel
 * under QEMU with an emulated Intel IOMMU, over SSH). What is checked is what the kernel says: DMAR on,
 * the driver bound, the IOMMU groups, /proc/cmdline, a new boot_id after each real reboot.
 */
@Stepwise
class LabAcceptanceSpec extends Specification {
    @Shared @AutoCleanup LabHost lab
    @Shared @TempDir Path tmp
    @Shared File knownHosts
    @Shared String out, err
    /** The twin made from the fresh lab, carried along: each recipe applied to the lab is applied to it too. */
    @Shared File twin

    def setupSpec() {
        lab = new LabHost().start()
        knownHosts = tmp.resolve('known_hosts').toFile()
        knownHosts.text = ''
    }

    int cli(String verb, String recipe, String... more) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream()
        List<String> args = [verb, recipe, '--host', "root@127.0.0.1:${lab.port}".toString(), '-i', lab.key.path, '--known-hosts', knownHosts.path,
                             '--accept-new-host-key', '--reboot-poll', '0.5', '--reboot-timeout', '180'] + (more as List)
        int code = Main.run(args as String[], new PrintStream(o, true, 'UTF-8'), new PrintStream(e, true, 'UTF-8'), [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        out = o.toString('UTF-8'); err = e.toString('UTF-8')
        code
    }

    /** Asks the lab host directly, over SSH. */
    String host(String command) {
        new SshTransport(new SshTarget('root', '127.0.0.1', lab.port), new SshOptions(knownHosts: knownHosts, identities: [lab.key], defaultIdentities: false,
                connectTimeoutMs: 10_000, commandTimeoutMs: 30_000)).withCloseable { it.run(command).stdout }
    }

    static String shipped(String name) { Repo.file("recipes/kvm/${name}.groovy").path }

    def "facts read from the real kernel: the e1000 and its own IOMMU group, the shared ICH9 group, the CPUs"() {
        given:
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        int code = Main.run(['facts', '--host', "root@127.0.0.1:${lab.port}".toString(), '-i', lab.key.path, '--known-hosts', knownHosts.path, '--accept-new-host-key',
                             '--flavour', 'kvm', '--json'] as String[], new PrintStream(o, true, 'UTF-8'), System.err, [:], false)
        Map facts = (Map) new groovy.json.JsonSlurper().parseText(o.toString('UTF-8'))

        expect:
        code == 0
        dev.passthru.spec.docs.FactsSchema.errors(o.toString('UTF-8')) == []  // docs/facts.schema.json
        facts.flavour == 'kvm'
        facts.pci.find { it.address == '0000:00:03.0' }.subMap('ids', 'driver', 'modules', 'groupMembers') == [ids: '8086:100e', driver: 'e1000', modules: ['e1000'], groupMembers: []]
        facts.pci.find { it.address == '0000:00:1f.2' }.groupMembers as Set == ['0000:00:1f.0', '0000:00:1f.3'] as Set
        facts.cpus.count == 2
        facts.kernelCmdline == 'console=ttyS0 quiet'
        facts.pci.every { it.numaNode == -1 && it.physfn == null && it.virtfns == [] }  // q35 without NUMA: the kernel reports no node; no SR-IOV
        facts.product.subMap('name', 'kernel') == [name: 'passthru lab', kernel: '6.1.0-56-amd64']

        and: 'the PCIe tree as the real kernel and pciutils show q35: a flat root bus (sysfs nests nothing), the e1000 a ' +
                'conventional PCI device (no Express capability), the NVMe an integrated endpoint without a link'
        Map pcie = ((List<Map>) facts.pcie.functions).collectEntries { [(it.address): it] }
        pcie.keySet() == facts.pci*.address as Set
        pcie.values().every { it.parent == null && it.path == [] && it.rootPort == null && it.switch == null }
        pcie['0000:00:03.0'].subMap('portType', 'link', 'bars', 'acsCap', 'ats') ==
                [portType: null, link: null, bars: ['128K'], acsCap: null, ats: null]
        pcie['0000:00:04.0'].subMap('portType', 'link', 'bars') ==
                [portType: 'Root Complex Integrated Endpoint', link: null, bars: ['16K']]
        pcie['0000:00:02.0'].bars == ['4K', '16K']
        facts.pcie.fabric.mode == 'none'
    }

    def "a twin made from the fresh lab over SSH (read-only) shows the facts the lab shows, and says what it could not see"() {
        given:
        twin = tmp.resolve('lab-twin.yaml').toFile()
        ByteArrayOutputStream errs = new ByteArrayOutputStream()

        when:
        int code = Main.run(['twin', 'make', '--host', "root@127.0.0.1:${lab.port}".toString(), '-i', lab.key.path,
                             '--known-hosts', knownHosts.path, '--accept-new-host-key', '--flavour', 'kvm', '-o', twin.path] as String[],
                new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'), new PrintStream(errs, true, 'UTF-8'), [:], false)

        then:
        code == 0
        errs.toString('UTF-8').readLines().findAll { it.startsWith('not derived: ') }.collect { it.split(': ')[1] } ==
                ['boot.reboot_answers', 'boot.initramfs_softdeps', 'boot.update_grub_stderr', 'iommu.enabled_message']
        twin.text.contains('userland: busybox\n')
        twin.text.contains('  grub_line: "console=ttyS0 $GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT"\n  grub_words: false\n')
        factsOfTwin() == factsOfLab()
    }

    /** The lab's facts (JSON) as passthru reads them over SSH. */
    Map factsOfLab() {
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        assert Main.run(['facts', '--host', "root@127.0.0.1:${lab.port}".toString(), '-i', lab.key.path, '--known-hosts', knownHosts.path,
                         '--flavour', 'kvm', '--json'] as String[], new PrintStream(o, true, 'UTF-8'), System.err, [:], false) == 0
        (Map) new groovy.json.JsonSlurper().parseText(o.toString('UTF-8'))
    }

    /** The facts of the lab's twin, as the twin file now stands. */
    Map factsOfTwin() {
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        assert Main.run(['facts', '--host', "twin:${twin}".toString(), '--flavour', 'kvm', '--json'] as String[],
                new PrintStream(o, true, 'UTF-8'), System.err, [:], false) == 0
        (Map) new groovy.json.JsonSlurper().parseText(o.toString('UTF-8'))
    }

    /** Applies a shipped recipe to the lab's twin (saving its state back), recording the session. */
    Tape applyToTwin(String recipe) {
        File session = tmp.resolve("twin-${recipe}.yaml").toFile()
        ByteArrayOutputStream o = new ByteArrayOutputStream()
        int code = Main.run(['apply', shipped(recipe), '--host', "twin:${twin}".toString(), '--record', session.path,
                             '--save-twin', twin.path] as String[], new PrintStream(o, true, 'UTF-8'), System.err,
                [PASSTHRU_HOME: tmp.resolve('home').toString()], false)
        assert code == 0: o.toString('UTF-8')
        TapeReader.read(session)
    }

    def "check on the real kernel: selectors resolve against its lspci and IOMMU groups; two NICs where one was asked for is an error listing both"() {
        given:
        File group = tmp.resolve('group.groovy').toFile()
        group.text = "recipe('group') {\n  flavour 'kvm'\n  hide pci(vendor: '8086', device: '2922').withGroup()\n  hide pci(vendor: '8086', device: '100e')\n}\n"
        File nics = tmp.resolve('nics.groovy').toFile()
        nics.text = "recipe('nics') {\n  flavour 'kvm'\n  hide pci(class: 'nic')\n}\n"

        expect: 'the AHCI controller (8086:2922) shares its group with the LPC bridge and SMBus: withGroup() takes all three'
        cli('check', group.path) == 0
        out.contains('1. hide 0000:00:1f.0, 0000:00:1f.2, 0000:00:1f.3 (line 3)')
        out.contains('2. hide 0000:00:03.0 (line 4)')

        and: 'the e1000 and the virtio NIC are both class 02'
        cli('check', nics.path) == 1
        out.contains("nics.groovy:3: host root@127.0.0.1:${lab.port}, step 'hide pci(class: 'nic')': pci(class: 'nic') matches 2 devices, and the recipe asked for 1: ")
        out.contains('0000:00:03.0 Ethernet controller [0200] 8086:100e (driver e1000)')
    }

    def "plan on the fresh lab host shows the change and the reboot, and writes nothing"() {
        when:
        int code = cli('plan', shipped('lab-nic'))

        then:
        code == 0
        out.contains('flavour kvm (named in the recipe)')
        out.contains('+ vfio-pci.ids=8086:100e')
        out.contains('Plan: 3 to change, 0 ok, 1 pending.')
        host('cat /proc/cmdline').trim() == 'console=ttyS0  quiet'
    }

    def "apply: the kernel reboots with the IOMMU on and binds the e1000 to vfio-pci; its group is viable"() {
        given:
        String bootBefore = host('cat /proc/sys/kernel/random/boot_id').trim()
        File tape = tmp.resolve('lab-nic.yaml').toFile()

        when:
        int code = cli('apply', shipped('lab-nic'), '--record', tape.path)

        then:
        code == 0
        out.contains('2 steps verified in effect')
        out.contains('(kernel: DMAR: IOMMU enabled; groups 3 viable)')
        host('cat /proc/sys/kernel/random/boot_id').trim() != bootBefore
        host('cat /proc/cmdline').contains('intel_iommu=on iommu=pt vfio-pci.ids=8086:100e')
        host('lspci -nnk -s 00:03.0').contains('Kernel driver in use: vfio-pci')
        host('dmesg').contains('DMAR: IOMMU enabled')

        and: 'the session issued the very commands of the shipped recording, with the same inputs'
        Tape recorded = TapeReader.read(tape), shipped = TapeReader.read(Repo.file('recipes/kvm/tapes/lab-nic.fresh.yaml'))
        recorded.interactions.collect { [it.command, it.stdin, it.event] } == shipped.interactions.collect { [it.command, it.stdin, it.event] }

        and: 'the lab\'s twin, given the same recipe, issues the same commands and gets the same answers, and ends with the same facts'
        SessionDifferences.of(recorded, applyToTwin('lab-nic'), ['update-grub'] as Set) == []
        factsOfTwin() == factsOfLab()
    }

    def "a second apply changes nothing"() {
        expect:
        cli('apply', shipped('lab-nic')) == 0
        out.contains('Summary: 0 changed, 4 ok, 0 failed')
        !out.contains('waiting for the host')
    }

    def "preflight refuses one function of the shared ICH9 group, naming the others, before any change"() {
        given:
        File recipe = tmp.resolve('sata.groovy').toFile()
        recipe.text = "recipe('sata') {\n  flavour 'kvm'\n  hide pci('0000:00:1f.2')\n  reboot()\n}\n"
        String cmdline = host('cat /proc/cmdline')

        when:
        int code = cli('apply', recipe.path)

        then:
        code == 2
        err.contains("sata.groovy:3: host root@127.0.0.1:${lab.port}, step 'hide 0000:00:1f.2': IOMMU group ")
        err.contains('is not isolated: it also holds 0000:00:1f.0 ISA bridge [0601] 8086:2918 (no driver); 0000:00:1f.3 SMBus [0c05] 8086:2930 (no driver)')
        err.contains('nothing was changed on the host')
        host('cat /proc/cmdline') == cmdline
    }

    def "undo gives the e1000 back to its own driver after a reboot, and a second undo changes nothing"() {
        given:
        File tape = tmp.resolve('lab-nic-undo.yaml').toFile()

        when:
        int code = cli('apply', shipped('lab-nic-undo'), '--record', tape.path)

        then:
        code == 0
        out.contains('2 steps verified in effect')
        host('lspci -nnk -s 00:03.0').contains('Kernel driver in use: e1000')
        !host('cat /proc/cmdline').contains('vfio-pci.ids')

        and: 'the twin does the same'
        SessionDifferences.of(TapeReader.read(tape), applyToTwin('lab-nic-undo'), ['update-grub'] as Set) == []
        factsOfTwin() == factsOfLab()

        and:
        cli('apply', shipped('lab-nic-undo')) == 0
        out.contains('Summary: 0 changed, 3 ok, 0 failed')
    }
}
