package dev.passthru.spec.demo

import dev.passthru.spec.engine.Engines
import dev.passthru.spec.twin.LegacyDemoStates
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.engine.Engine
import dev.passthru.runtime.engine.Listener
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import dev.passthru.spec.Repo
import dev.passthru.spec.kvm.DomainXmlSpec
import dev.passthru.spec.kvm.Libvirt
import spock.lang.Specification

import static dev.passthru.runtime.engine.StepStatus.CHANGED
import static dev.passthru.runtime.engine.StepStatus.FAILED
import static dev.passthru.runtime.engine.StepStatus.OK

/**
 * The KVM flavour end to end on the KVM demo host (Debian with GRUB, Fedora with grubby and dracut,
 * Proxmox with proxmox-boot-tool): plan writes nothing, apply converges and verifies after the reboot,
 * and each thing that cannot work is refused with a message that says what and why.
 */
class KvmDemoHostSpec extends Specification {
    /** Commands that change a host (by program, and by virsh or grubby subcommand). */
    static boolean isWrite(String c) {
        List<String> w = c.tokenize(' ')
        w[0] in ['install', 'mv', 'cp', 'rm', 'update-grub', 'update-initramfs', 'dracut', 'proxmox-boot-tool', 'reboot'] ||
                (w[0] == 'grubby' && w[1] == '--update-kernel=ALL') ||
                (w[0] == 'virsh' && w[3] in ['define', 'attach-device', 'detach-device', 'start', 'shutdown'])
    }
    static final String HOST_SIDE = '''
recipe('host-side') {
    flavour 'kvm'
    kernel { iommu() }
    hide pci('06:00.0'), pci('06:00.1')
    reboot()
    verify { assignable pci('06:00.0'), pci('06:00.1') }
}
'''

    DemoKvmState state = DemoKvmState.standard()
    DemoKvmHost host = new DemoKvmHost(state)

    static RunResult run(Transport host, String text, boolean plan = false, String override = null) {
        Recipe r = new RecipeLoader().load(text, 'kvm.groovy')
        Engine e = Engines.on(host, override)
        plan ? e.plan(r) : e.apply(r)
    }

    RunResult run(String text, boolean plan = false) { run(host, text, plan) }

    static String shipped(String name) { Repo.file("recipes/kvm/${name}.groovy").text }

    List<String> writes() { host.received.findAll { isWrite(it) } }

    def "plan writes nothing; apply brings the GPU to vfio-pci and the VM up; a second apply changes nothing"() {
        when:
        RunResult plan = run(shipped('vfio-gpu'), true)

        then:
        plan.steps*.status == [StepStatus.WOULD_CHANGE] * 3 + [StepStatus.PENDING] + [StepStatus.WOULD_CHANGE] * 5
        writes().isEmpty()

        when:
        RunResult first = run(shipped('vfio-gpu'))

        then:
        first.exitCode() == 0
        state.bound[PciAddress.parse('0000:06:00.0')] == 'vfio-pci'
        state.bound[PciAddress.parse('0000:06:00.1')] == 'vfio-pci'
        state.bound[PciAddress.parse('0000:02:00.0')] == 'igb'
        state.procCmdline.contains('intel_iommu=on iommu=pt modprobe.blacklist=nouveau default_hugepagesz=1G hugepagesz=1G hugepages=16 vfio-pci.ids=10de:1c81,10de:0fb9')
        state.files['/etc/modprobe.d/passthru-vfio.conf'] == '''# Written by passthru: load vfio-pci before these drivers, so it claims the devices in vfio-pci.ids first.
softdep nouveau pre: vfio-pci
softdep nvidiafb pre: vfio-pci
softdep snd_hda_intel pre: vfio-pci
'''
        state.domains.win10.state == 'running'
        DomainXml.hostdevs(state.domains.win10.xml)*.toString() == ['0000:06:00.0', '0000:06:00.1']

        and: 'the domain passthru left defines in the real libvirtd, which keeps the hostdevs, pins, node and hugepages'
        Libvirt.Result real = Libvirt.defineAndDump(state.domains.win10.xml, 'win10')
        real.exit == 0
        DomainXml.hostdevs(real.out)*.toString() == ['0000:06:00.0', '0000:06:00.1']
        DomainXml.pinning(real.out) == DomainXml.pinning(state.domains.win10.xml)
        !DomainXml.pinning(real.out).empty
        DomainXml.numaMemory(real.out).toString() == 'strict:0'
        DomainXml.hugepages(real.out)

        when:
        host.received.clear()
        RunResult second = run(shipped('vfio-gpu'))

        then:
        second.steps*.status == [OK] * 9
        writes().isEmpty()
    }

    def "undo gives the devices back to their drivers and the domain back as it was"() {
        given:
        String original = state.domains.win10.xml
        run(shipped('vfio-gpu'))

        when:
        RunResult undo = run(shipped('vfio-gpu-undo'))

        then:
        undo.steps*.status == [CHANGED] * 8
        state.bound[PciAddress.parse('0000:06:00.0')] == 'nouveau'
        state.bound[PciAddress.parse('0000:06:00.1')] == 'snd_hda_intel'
        !state.files.containsKey('/etc/modprobe.d/passthru-vfio.conf')
        state.files['/etc/default/grub'] == LegacyDemoStates.GRUB_DEFAULT
        !state.procCmdline.contains('iommu') && !state.procCmdline.contains('vfio') && !state.procCmdline.contains('hugepages')
        DomainXmlSpec.sameExcept(original, state.domains.win10.xml, [])
        state.domains.win10.xml.contains("passwd='demo-spice-secret'")

        and: 'the real libvirtd holds the undone domain exactly as it holds the original'
        Libvirt.defineAndDump(state.domains.win10.xml, 'win10').out == Libvirt.defineAndDump(original, 'win10').out
    }

    def "Fedora: the kernel line through grubby, the initramfs through dracut"() {
        given:
        DemoKvmHost fedora = new DemoKvmHost(DemoKvmState.standard('fedora'))

        when:
        RunResult r = run(fedora, HOST_SIDE)

        then:
        r.exitCode() == 0
        r.steps*.status == [CHANGED, CHANGED, CHANGED, OK]
        fedora.received.contains('grubby --update-kernel=ALL \'--args=intel_iommu=on iommu=pt\'')
        fedora.received.contains('grubby --update-kernel=ALL --args=vfio-pci.ids=10de:1c81,10de:0fb9')
        fedora.received.contains('dracut -f --regenerate-all')
        !fedora.received.any { it.startsWith('update-grub') || it.contains('/etc/default/grub') }
        fedora.state.bound[PciAddress.parse('0000:06:00.0')] == 'vfio-pci'

        and: 'undoing one id keeps the other, through grubby'
        run(fedora, "recipe('u') { flavour 'kvm'; unhide pci('06:00.1'); reboot() }").exitCode() == 0
        fedora.received.contains('grubby --update-kernel=ALL --args=vfio-pci.ids=10de:1c81')
        fedora.state.bound[PciAddress.parse('0000:06:00.1')] == 'snd_hda_intel'
        fedora.state.bound[PciAddress.parse('0000:06:00.0')] == 'vfio-pci'
    }

    def "Proxmox: /etc/kernel/cmdline and proxmox-boot-tool refresh; without virsh the host is only KVM when the recipe or --flavour says so"() {
        given:
        DemoKvmHost pve = new DemoKvmHost(DemoKvmState.standard('proxmox'))

        when:
        RunResult undecided = run(pve, HOST_SIDE.replace("flavour 'kvm'", ''))

        then:
        undecided.problems*.message == ["cannot tell which kind of host this is (Debian GNU/Linux 12 (bookworm); found proxmox-boot-tool, update-grub, update-initramfs): it has neither Xen's xl nor libvirt's virsh; give --flavour xcpng or --flavour kvm if it is one"]

        when:
        RunResult r = run(pve, HOST_SIDE.replace("flavour 'kvm'", ''), false, 'kvm')

        then:
        r.exitCode() == 0
        pve.state.files['/etc/kernel/cmdline'] == 'root=ZFS=rpool/ROOT/pve-1 boot=zfs intel_iommu=on iommu=pt vfio-pci.ids=10de:1c81,10de:0fb9\n'
        pve.received.count { it == 'proxmox-boot-tool refresh' } == 2
        !pve.received.contains('update-grub')
        pve.state.bound[PciAddress.parse('0000:06:00.0')] == 'vfio-pci'
    }

    def "vfio-pci.ids binds by id: hiding one port of a dual NIC is refused before any change"() {
        when:
        RunResult r = run("recipe('x') {\n  kernel { iommu() }\n  hide pci('02:00.0')\n}")

        then:
        r.problems*.toString() == ["kvm.groovy:3: step 'hide 0000:02:00.0': vfio-pci.ids binds by vendor:device id, so hiding 0000:02:00.0 (8086:1521) would also take 0000:02:00.1 from the host; hide it too, or bind the one device with driver_override by hand"]
        writes().isEmpty()

        expect: 'hiding both is fine'
        run("recipe('x') {\n  kernel { iommu() }\n  hide pci('02:00.0'), pci('02:00.1')\n}").problems.isEmpty()
    }

    def "a non-viable IOMMU group: found after the reboot when the IOMMU was off, and before any change once it is on"() {
        given:
        String sata = "recipe('sata') {\n  kernel { iommu() }\n  hide pci('00:1f.2')\n  reboot()\n  verify { assignable pci('00:1f.2') }\n}"

        when: 'the IOMMU is off: there are no groups to judge until the reboot'
        RunResult r = run(sata)

        then:
        r.steps*.status == [CHANGED, CHANGED, CHANGED, FAILED]
        r.steps[3].message == 'not assignable: IOMMU group 5 of 0000:00:1f.2 is not viable: it also holds ' +
                '0000:00:1f.0 ISA bridge [0601] 8086:1d41 (driver lpc_ich); 0000:00:1f.3 SMBus [0c05] 8086:1d22 (driver i801_smbus); hide them too, or move the card to a slot with its own group'

        when: 'now the IOMMU is on, another function of the group is stopped at preflight (the SATA, bound to vfio-pci now, no longer blocks)'
        host.received.clear()
        RunResult again = run(sata.replace("recipe('sata')", "recipe('sata2')").replace('00:1f.2', '00:1f.3'))

        then:
        again.problems*.toString() == ["kvm.groovy:3: step 'hide 0000:00:1f.3': IOMMU group 5 of 0000:00:1f.3 is not isolated: it also holds 0000:00:1f.0 ISA bridge [0601] 8086:1d41 (driver lpc_ich); vfio gives a VM whole groups, so hide it too, or move the card to a slot with its own group"]
        writes().isEmpty()
    }

    def "a boot configuration left older than the command line is found and regenerated, not trusted"() {
        given: 'an earlier run wrote /etc/default/grub and was cut off before update-grub'
        state.files['/etc/default/grub'] = state.files['/etc/default/grub'].replace('GRUB_CMDLINE_LINUX_DEFAULT="quiet"', 'GRUB_CMDLINE_LINUX_DEFAULT="quiet intel_iommu=on iommu=pt"')
        state.touch('/etc/default/grub')

        when:
        RunResult r = run("recipe('k') {\n  kernel { iommu() }\n  reboot()\n}")

        then:
        r.steps*.status == [CHANGED, CHANGED]
        r.steps[0].diff == ['~ /boot/grub/grub.cfg predates /etc/default/grub: update-grub has not run since it changed']
        host.received.contains('update-grub')
        state.procCmdline.endsWith('quiet intel_iommu=on iommu=pt')
    }

    def "a reboot that does not bring the change into effect fails there, naming the step"() {
        given: 'a host whose boot loader ignores the configuration update-grub writes (say, it boots from another disk)'
        DemoKvmHost broken = new DemoKvmHost(DemoKvmState.standard()) {
            @Override
            protected CommandResult answer(String command, List<String> argv, String stdin) {
                if (argv[0] != 'update-grub') return super.answer(command, argv, stdin)
                state.touch('/boot/grub/grub.cfg')
                new CommandResult(command, 0, '', '')
            }
        }

        when:
        RunResult r = run(broken, "recipe('k') {\n  kernel { iommu() }\n  reboot()\n}")

        then:
        r.steps*.status == [CHANGED, FAILED]
        r.steps[1].message.startsWith("the host rebooted (boot_id ")
        r.steps[1].message.contains("but 'kernel args +intel_iommu=on|amd_iommu=on +iommu=pt' (line 2) is still not in effect: configured in /etc/default/grub + update-grub, but /proc/cmdline differs until a reboot: + intel_iommu=on + iommu=pt")
    }

    def "preflight: a VM libvirt does not know, a CPU or NUMA node the host lacks"() {
        when:
        RunResult r = run("recipe('x') {\n  vm('nope') { start() }\n  vm('win10') {\n    pinVcpus 14, 15, 16, 17\n    numaMemory 3\n  }\n}")

        then:
        r.problems*.toString() == [
                "kvm.groovy:2: step 'start VM 'nope'': no VM is named 'nope' on this host",
                "kvm.groovy:4: step 'pin VM 'win10' vCPUs to host CPUs 14-17': CPUs 16-17 do not exist; the host has 0-15",
                "kvm.groovy:5: step 'keep VM 'win10' memory on NUMA node 3': NUMA node 3 does not exist: the host has nodes 0, 1 (lscpu)"]
        writes().isEmpty()
    }

    def "pinning fewer CPUs than the VM has vCPUs fails that step with the fix"() {
        when:
        RunResult r = run("recipe('x') {\n  vm('win10') { pinVcpus 2, 10 }\n}")

        then:
        r.steps[0].status == FAILED
        r.steps[0].message == "VM 'win10' has 4 vCPUs but pinVcpus names 2 host CPUs (2,10); passthru pins one vCPU per host CPU: give the VM 2 vCPUs or pin 4 CPUs"
    }

    def "allowUnsafeInterrupts is written only when asked, and says what it costs"() {
        when:
        RunResult r = run("recipe('x') {\n  kernel { allowUnsafeInterrupts() }\n}")

        then:
        r.steps[0].diff == ['+ vfio_iommu_type1.allow_unsafe_interrupts=1']
        r.steps[0].message.contains('WARNING: vfio_iommu_type1.allow_unsafe_interrupts=1 weakens isolation between VMs')
        !run(shipped('vfio-gpu')).steps.any { it.message?.contains('WARNING') }
    }

    def "stop shuts a running domain down; a VM change while it runs says it needs a restart"() {
        when:
        RunResult r = run("recipe('x') {\n  vm('router-kvm') {\n    hugepages()\n    stop()\n  }\n}")

        then:
        r.steps*.status == [CHANGED, CHANGED]
        r.vmRestartsNeeded == ["VM 'router-kvm' is running: restart it for the change to its persistent configuration to take effect"]
        state.domains['router-kvm'].state == 'shut off'
        host.received.contains('virsh -c qemu:///system shutdown --domain router-kvm')
    }

    def "hugepages on a domain allocated on demand: the plan says the ondemand mode goes, and the domain loses it"() {
        given:
        state.domains['win10'].xml = state.domains['win10'].xml.replace('</currentMemory>',
                "</currentMemory>\n  <memoryBacking>\n    <allocation mode='ondemand'/>\n  </memoryBacking>")

        when:
        RunResult r = run("recipe('x') {\n  vm('win10') { hugepages() }\n}")

        then:
        r.steps[0].diff == ['- memoryBacking hugepages off', '+ memoryBacking hugepages on',
                            '- memoryBacking allocation ondemand (libvirt refuses hugepages with it)']
        def domain = new groovy.xml.XmlSlurper().parseText(state.domains['win10'].xml)
        domain.memoryBacking.allocation.size() == 0
        domain.memoryBacking.hugepages.size() == 1

        and: 'what it replaced is kept in the metadata record, for noHugepages() to give back'
        domain.metadata.replaced.hugepages.memoryBacking.allocation.@mode == 'ondemand'

        and: 'the real libvirtd, which refuses hugepages next to ondemand, accepts the domain'
        Libvirt.defineAndDump(state.domains['win10'].xml, 'win10').exit == 0
    }

    def "an XCP-ng host refuses KVM-only steps before any change"() {
        given:
        DemoXcpngHost xcp = new DemoXcpngHost()

        when:
        RunResult r = run(xcp, "recipe('x') {\n  kernel { iommu() }\n  vm('router') {\n    numaMemory 0\n    hugepages()\n    pinVcpus 8, 9, emulator: 0\n  }\n}")

        then:
        r.problems*.location*.line == [2, 4, 5, 6]
        r.problems[0].message.startsWith('kernel { } is for KVM hosts')
        !xcp.received.any { it.contains('--set-dom0') || it.contains('vm-param-set') }
    }
}
