package dev.passthru.spec.ssh

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.kvm.Pinning
import dev.passthru.runtime.kvm.Topology
import dev.passthru.runtime.ssh.SshOptions
import dev.passthru.runtime.ssh.SshTarget
import dev.passthru.runtime.ssh.SshTransport
import dev.passthru.spec.Repo
import dev.passthru.spec.engine.Engines
import dev.passthru.spec.kvm.OwnLibvirtd
import dev.passthru.spec.kvm.RealVm
import dev.passthru.spec.recipes.VmHalf
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

import static dev.passthru.runtime.engine.StepStatus.CHANGED
import static dev.passthru.runtime.engine.StepStatus.FAILED
import static dev.passthru.runtime.engine.StepStatus.OK

/**
 * The VM half of the shipped KVM recipes against a real libvirt over real SSH.
 *
 * Real: passthru's SSH transport (sshj, key login, strict known_hosts) to a real OpenSSH sshd on 127.0.0.1 (root),
 * whose shell runs the real virsh against a real libvirtd (qemu:///system, Debian's daemon and QEMU driver): every
 * virsh command the steps issue (list, domstate, dumpxml, attach-device/detach-device --config, define, start) and
 * the domain they change, which libvirt parses, keeps in its canonical form and gives back. The daemon is the spec's
 * own ({@link OwnLibvirtd}: the sshd and a libvirtd in a private mount namespace), so the facts a run reads list
 * only this spec's domain, not the hundreds other specs define in the shared daemon meanwhile.
 *
 * Not real: the hardware. This machine has no GTX 1050 at 06:00.0, no 16 CPUs on two nodes and no IOMMU, so lspci,
 * lscpu, the IOMMU groups, sysfs and /proc are answered by the KVM demo twin ({@link VirshOverSsh}), as it stands
 * after the shipped recipe's host half ran on it (IOMMU on, the GPU and its audio function on vfio-pci). The recipe
 * run is the shipped recipe's own vm { } block and device lines ({@link VmHalf}), for the demo's win10 domain defined
 * in the real libvirtd under a unique name ({@link RealVm}). libvirt checks a hostdev's device only at start, so
 * attach, pinning (to CPUs this machine lacks), numatune and hugepages all go into the real domain; start meets
 * libvirt's real refusal on a host without IOMMU.
 */
class ShippedKvmVmHalfSpec extends Specification {
    static final String WIN10 = ShippedKvmVmHalfSpec.getResourceAsStream('/dev/passthru/runtime/demo/win10.xml')
            .getText('UTF-8')
    static final List<PciAddress> GPU = [PciAddress.parse('0000:06:00.0'), PciAddress.parse('0000:06:00.1')]
    /** What the demo twin's lscpu gives pinVcpus 2, 3, 10, 11, emulator: [1, 9] (the shipped tape's define says so). */
    static final Pinning PINS = new Pinning([0: '2', 1: '10', 2: '3', 3: '11'], '1,9', new Topology(1, 2, 2))

    @Shared @TempDir Path dir
    @Shared Sshd sshd
    @Shared OwnLibvirtd libvirtd
    @Shared VmHalf gpu = VmHalf.of(Repo.file('recipes/kvm/vfio-gpu.groovy'))
    @Shared VmHalf undo = VmHalf.of(Repo.file('recipes/kvm/vfio-gpu-undo.groovy'))
    /** The demo twin after the shipped recipe's host half (the VM half only reads it: writes go to the real virsh). */
    @Shared DemoKvmState hardware = DemoKvmState.standard()
    @AutoCleanup RealVm vm

    def setupSpec() {
        libvirtd = new OwnLibvirtd(dir.toFile())
        sshd = new Sshd(dir.toFile())
        sshd.launcher = libvirtd.launcher()
        sshd.start()
        libvirtd.started(sshd.log)
        RunResult hostHalf = Engines.on(new DemoKvmHost(hardware), 'kvm')
                .apply(new RecipeLoader().load(Repo.file('recipes/kvm/vfio-gpu.groovy'), 'recipes/kvm/vfio-gpu.groovy'))
        assert hostHalf.exitCode() == 0 && hardware.bound[GPU[0]] == 'vfio-pci'
    }

    def cleanupSpec() {
        sshd?.close()
        libvirtd?.close()
    }

    def setup() {
        vm = new RealVm(RealVm.forThisMachine(WIN10), { List<String> a, String i -> libvirtd.virsh(a, i) })
    }

    /** One passthru run of {@code half} (as a recipe for the real VM) on a fresh SSH connection. */
    RunResult apply(VmHalf half, boolean start, VirshOverSsh host = host()) {
        Recipe recipe = new RecipeLoader().load(half.write(dir.toFile(), vm.name, start), "${half.recipe}, vm half")
        try {
            Engines.on(host, 'kvm').apply(recipe)
        } finally {
            host.close()
        }
    }

    VirshOverSsh host() {
        File known = new File(dir.toFile(), 'known_hosts')
        known.text = sshd.knownHostsLine()
        SshOptions o = new SshOptions(knownHosts: known, identities: [sshd.clientKey], defaultIdentities: false,
                agentSocket: null, connectTimeoutMs: 5000, commandTimeoutMs: 60_000)
        new VirshOverSsh(new SshTransport(new SshTarget('root', '127.0.0.1', sshd.port), o), new DemoKvmHost(hardware))
    }

    def "the shipped recipes' vm blocks, as this spec runs them"() {
        expect:
        gpu.vm == 'win10' && undo.vm == 'win10'
        gpu.steps == ['attach gpu, audio', 'pinVcpus 2, 3, 10, 11, emulator: [1, 9]', 'numaMemory 0', 'hugepages()',
                      'start()']
        undo.steps == ['stop()', 'detach gpu, audio', 'unpinVcpus()', 'noNumaMemory()', 'noHugepages()']
        gpu.defs == ["def gpu = pci '0000:06:00.0'", "def audio = pci '0000:06:00.1'"]
    }

    def "vfio-gpu's vm block changes the real domain over SSH; libvirt holds every change; a second run: none"() {
        given:
        String before = vm.dumpxml()
        VirshOverSsh host = host()
        Map<String, String> filesBefore = new LinkedHashMap<>(hardware.files)
        String bootBefore = hardware.bootId

        when:
        RunResult first = apply(gpu, false, host)
        String after = vm.dumpxml()

        then: 'each step changed the domain libvirt holds, read back in libvirt\'s canonical form'
        first.problems.empty
        first.steps*.status == [CHANGED] * 4
        first.exitCode() == 0
        DomainXml.hostdevs(before) == []
        DomainXml.hostdevs(after) == GPU
        after.count("<hostdev mode='subsystem' type='pci' managed='yes'>") == 2
        DomainXml.pinning(after) == PINS
        after.contains("<topology sockets='1' dies='1' cores='2' threads='2'/>")
        DomainXml.numaMemory(after).toString() == 'strict:0'
        DomainXml.hugepages(after)
        vm.state() == 'shut off'

        and: 'every virsh command went over SSH to the real virsh; the twin answered hardware reads and changed nothing'
        host.real.every { it.startsWith('virsh -c qemu:///system ') }
        host.real.count { it.contains(' attach-device ') } == 2
        host.real.count { it.contains(' define ') } == 3
        host.twin.every { !it.startsWith('virsh') }
        hardware.files == filesBefore && hardware.bootId == bootBefore
        host.twin.contains('lscpu -p=CPU,CORE,SOCKET,NODE')
        sshd.count('Accepted publickey for root') >= 1

        when: 'the same recipe again, a new passthru run on a new connection'
        RunResult second = apply(gpu, false)

        then:
        second.steps*.status == [OK] * 4
        vm.dumpxml() == after
    }

    def "vfio-gpu-undo's vm block gives back the domain libvirt held before; a second run changes nothing"() {
        given:
        String before = vm.dumpxml()
        assert apply(gpu, false).steps*.status == [CHANGED] * 4

        when:
        RunResult undone = apply(undo, false)

        then: 'stop finds the domain shut off; the rest take back what vfio-gpu gave'
        undone.problems.empty
        undone.steps*.status == [OK, CHANGED, CHANGED, CHANGED, CHANGED]

        and: 'libvirt holds the domain as before, but for the root port it added per hostdev at attach-device'
        // which detach-device leaves in place (libvirt's own doing on q35 without a free port; empty ports are
        // harmless)
        String after = vm.dumpxml()
        List<String> added = rootPorts(after) - rootPorts(before)
        added.size() == 2
        added.inject(after) { String xml, String port -> xml.replace(port, '') } == before

        when:
        RunResult again = apply(undo, false)

        then:
        again.steps*.status == [OK] * 5
        vm.dumpxml() == after
    }

    /** The domain's pcie-root-port controllers, each with the line break and indentation before it. */
    static List<String> rootPorts(String xml) {
        (xml =~ /(?s)\n\s*<controller type='pci' index='\d+' model='pcie-root-port'>.*?<\/controller>/)
                .collect { it as String }
    }

    def "start(): the real libvirt refuses a hostdev on a host without IOMMU, and passthru reports libvirt's words"() {
        given: 'this machine\'s libvirt says it has no IOMMU (the refusal below is what such a host gives)'
        assert libvirtd.virsh(['capabilities']).out.contains("<iommu support='no'/>")

        when:
        RunResult r = apply(gpu, true)

        then:
        r.steps*.status == [CHANGED] * 4 + [FAILED]
        r.steps[4].message.contains("host doesn't support passthrough of host PCI devices")
        r.exitCode() != 0
        vm.state() == 'shut off'
    }
}
