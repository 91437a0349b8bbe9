package dev.passthru.spec.recipes

import dev.passthru.runtime.kvm.DomainXml
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.Interaction
import dev.passthru.runtime.tape.Tape
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.spec.Repo
import dev.passthru.spec.kvm.Libvirt
import spock.lang.Specification

import static dev.passthru.runtime.engine.StepStatus.CHANGED
import static dev.passthru.runtime.engine.StepStatus.OK

/**
 * The shipped KVM recipes against their tapes: every command in recorded order across the reboot, each
 * step's status, what the diffs say, and every XML passthru sent to virsh checked by libvirt's own tools.
 */
class ShippedKvmRecipesSpec extends Specification {

    static Tape tape(String name) { TapeReader.read(Repo.file("recipes/kvm/tapes/${name}.yaml")) }

    static RunResult replay(String recipeName, String tapeName, List<String> issued = []) { TapeReplay.replay('kvm', recipeName, tapeName, issued) }

    def "#recipe, #tapeName: statuses #statuses"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay(recipe, tapeName, issued)

        then:
        TapeReplay.ranAsRecorded(r, issued, statuses)
        tape(tapeName).flavour == 'kvm'
        !tapeName.startsWith('lab-') || tape(tapeName).source.contains('real kernel output, not hand-made')

        where:
        recipe          | tapeName                       || statuses
        'vfio-gpu'      | 'vfio-gpu.fresh'               || [CHANGED, CHANGED, CHANGED, OK, CHANGED, CHANGED, CHANGED, CHANGED, CHANGED]
        'vfio-gpu'      | 'vfio-gpu.second-run'          || [OK] * 9
        'vfio-gpu-undo' | 'vfio-gpu-undo.fresh'          || [CHANGED] * 8
        'vfio-gpu-undo' | 'vfio-gpu-undo.second-run'     || [OK] * 8
        'lab-nic'       | 'lab-nic.fresh'                || [CHANGED, CHANGED, CHANGED, OK]
        'lab-nic'       | 'lab-nic.second-run'           || [OK] * 4
        'lab-nic-undo'  | 'lab-nic-undo.fresh'           || [CHANGED] * 3
        'lab-nic-undo'  | 'lab-nic-undo.second-run'      || [OK] * 3
    }

    def "vfio-gpu on a fresh host: the kernel line, vfio-pci ids and softdeps, the reboot check, the domain"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay('vfio-gpu', 'vfio-gpu.fresh', issued)

        then: 'the IOMMU flag came from the CPU vendor, and hugepages reserve what the VM needs'
        r.steps[0].diff == ['+ intel_iommu=on', '+ iommu=pt', '+ modprobe.blacklist=nouveau', '+ default_hugepagesz=1G', '+ hugepagesz=1G', '+ hugepages=16']
        issued.contains('grep -m1 vendor_id /proc/cpuinfo')

        and: 'hide merged both ids and ordered vfio-pci before every native module'
        r.steps[1].diff == ['+ vfio-pci.ids=10de:1c81,10de:0fb9',
                            '+ /etc/modprobe.d/passthru-vfio.conf: softdep nouveau pre: vfio-pci',
                            '+ /etc/modprobe.d/passthru-vfio.conf: softdep nvidiafb pre: vfio-pci',
                            '+ /etc/modprobe.d/passthru-vfio.conf: softdep snd_hda_intel pre: vfio-pci']
        issued.indexOf('update-initramfs -u -k all') < issued.indexOf('reboot')

        and: 'files were replaced whole: the original kept once, new file from standard input, rename'
        issued.findAll { it.contains('/etc/default/grub') && !it.startsWith('cat') && !it.startsWith('stat') } == [
                'test -e /etc/default/grub.passthru.orig', 'cp -p /etc/default/grub /etc/default/grub.passthru.orig',
                'install -m 0644 /dev/stdin /etc/default/grub.passthru.new', 'mv /etc/default/grub.passthru.new /etc/default/grub',
                'test -e /etc/default/grub.passthru.orig',
                'install -m 0644 /dev/stdin /etc/default/grub.passthru.new', 'mv /etc/default/grub.passthru.new /etc/default/grub']

        and: 'after the reboot both steps were checked again against /proc/cmdline and the drivers in use'
        r.steps[2].message.endsWith('2 steps verified in effect')
        issued.subList(issued.indexOf('event: reboot'), issued.size()).containsAll(['cat /proc/cmdline', 'lspci -nnk -D'])
        r.steps[3].message == 'kernel: DMAR: IOMMU enabled; groups 1 viable'

        and: 'the VM got its devices, pins on real SMT siblings, NUMA memory and hugepages'
        r.steps[4].diff == ["+ <hostdev type='pci' managed='yes'> 0000:06:00.0", "+ <hostdev type='pci' managed='yes'> 0000:06:00.1"]
        r.steps[5].diff == ['- (not pinned)', '+ vcpupin 0:2 1:10 2:3 3:11; emulatorpin 1,9; topology 1 socket x 2 cores x 2 threads']
        r.steps[6].diff == ['- numatune memory (none)', '+ numatune memory strict:0']
        r.steps[7].diff == ['- memoryBacking hugepages off', '+ memoryBacking hugepages on']
    }

    def "every XML passthru gave virsh on the tapes is valid, defines in the real libvirtd and reads back"() {
        given:
        List<Interaction> writes = ['vfio-gpu.fresh', 'vfio-gpu-undo.fresh'].collectMany { tape(it).interactions }
                .findAll { Interaction i -> i.command?.startsWith('virsh ') && i.stdin != null }

        expect: 'defines carry whole domains; attach and detach carry one managed hostdev'
        writes.count { it.command.contains(' define ') } == 6
        writes.count { it.command.contains('attach-device') } == 2
        writes.count { it.command.contains('detach-device') } == 2

        and:
        writes.each { Interaction i ->
            // a define carries the domain; an attach is checked inside the domain it joins; a detach names a hostdev the domain has
            String domain = i.command.contains(' define ') ? i.stdin
                    : i.command.contains('detach-device') ? lastDomainBefore(i)
                    : lastDomainBefore(i).replace('  </devices>', i.stdin.readLines().collect { "    ${it}" }.join('\n') + '\n  </devices>')
            if (i.command.contains('detach-device')) assert DomainXml.hostdevs(domain).containsAll(DomainXml.hostdevs("<domain><devices>${i.stdin}</devices></domain>"))
            assert i.stdin.startsWith('<domain') || i.stdin.startsWith("<hostdev mode='subsystem' type='pci' managed='yes'>")
            Libvirt.Result v = Libvirt.validate(domain)
            assert v.exit == 0: "${i.command}: ${v}"
            Libvirt.Result d = Libvirt.defineAndDump(domain, 'win10')
            assert d.exit == 0: "${i.command}: ${d}"
            // libvirt's canonical form still holds what passthru wrote (read as passthru reads a host's dumpxml)
            assert DomainXml.pinning(d.out) == DomainXml.pinning(domain)
            assert DomainXml.numaMemory(d.out)?.toString() == DomainXml.numaMemory(domain)?.toString()
            assert DomainXml.hugepages(d.out) == DomainXml.hugepages(domain)
            assert DomainXml.hostdevs(d.out) == DomainXml.hostdevs(domain)
        }
    }

    def "the graphics password never reached a tape, yet every define carried the (redacted) attribute back"() {
        expect:
        Repo.file('recipes/kvm/tapes').listFiles().every { !it.text.contains('demo-spice-secret') }
        tape('vfio-gpu.fresh').interactions.findAll { it.command?.contains(' define ') }.every { it.stdin.contains("passwd='redacted-by-passthru'") || it.stdin.contains('passwd="redacted-by-passthru"') }
    }

    def "every shipped KVM recipe has a fresh and a second-run tape"() {
        expect:
        Repo.file('recipes/kvm').listFiles().findAll { it.name.endsWith('.groovy') }.every { File f ->
            String n = f.name - '.groovy'
            Repo.file("recipes/kvm/tapes/${n}.fresh.yaml").isFile() && Repo.file("recipes/kvm/tapes/${n}.second-run.yaml").isFile()
        }
    }

    private static String lastDomainBefore(Interaction write) {
        List<Interaction> all = ['vfio-gpu.fresh', 'vfio-gpu-undo.fresh'].collectMany { tape(it).interactions }
        all.take(all.indexOf(write)).reverse().find { it.command?.contains('dumpxml') }.stdout
    }
}
