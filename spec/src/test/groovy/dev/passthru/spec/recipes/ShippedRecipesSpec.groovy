package dev.passthru.spec.recipes

import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.tape.TapeReader
import dev.passthru.runtime.xcpng.XcpngCommands
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.spec.Repo
import spock.lang.Specification

import static dev.passthru.runtime.engine.StepStatus.CHANGED
import static dev.passthru.runtime.engine.StepStatus.OK

/**
 * Every shipped XCP-ng recipe, step by step, against its tapes: the commands it issues (all of them,
 * in recorded order, across the reboot), what it parsed (the diffs), and each step's status.
 */
class ShippedRecipesSpec extends Specification {

    static RunResult replay(String recipeName, String tapeName, List<String> issued) { TapeReplay.replay('xcp-ng', recipeName, tapeName, issued) }

    def "#recipe, #tape: statuses #statuses"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay(recipe, tape, issued)

        then:
        TapeReplay.ranAsRecorded(r, issued, statuses)

        where:
        recipe            | tape                          || statuses
        'nic-passthrough' | 'nic-passthrough.fresh'       || [CHANGED, CHANGED, OK, CHANGED, CHANGED, CHANGED]
        'nic-passthrough' | 'nic-passthrough.second-run'  || [OK] * 6
        'gpu-passthrough' | 'gpu-passthrough.fresh'       || [CHANGED, CHANGED, OK, CHANGED, CHANGED, CHANGED]
        'gpu-passthrough' | 'gpu-passthrough.second-run'  || [OK] * 6
        'nic-detach'      | 'nic-detach.fresh'            || [CHANGED, CHANGED, CHANGED, CHANGED]
        'nic-detach'      | 'nic-detach.second-run'       || [OK] * 4
        'xen-lab-nic'     | 'xen-lab-nic.fresh'           || [CHANGED, CHANGED, CHANGED, OK]
        'xen-lab-nic'     | 'xen-lab-nic.second-run'      || [OK] * 4
        'xen-boot-options' | 'xen-boot-options.fresh'     || [CHANGED, CHANGED]
        'xen-boot-options' | 'xen-boot-options.second-run' || [OK] * 2
        'vgpu-passthrough' | 'vgpu-passthrough.fresh'     || [CHANGED] * 4
        'vgpu-passthrough' | 'vgpu-passthrough.second-run' || [OK] * 4
        'vgpu-mxgpu'      | 'vgpu-mxgpu.fresh'            || [CHANGED] * 4
        'vgpu-mxgpu'      | 'vgpu-mxgpu.second-run'       || [OK] * 4
    }

    def "#recipe, #tape: replays exactly, #statuses, with no reboot (XAPI's USB changes need none)"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay(recipe, tape, issued)

        then:
        r.problems.isEmpty()
        r.steps*.status == statuses
        r.exitCode() == 0
        !issued.contains('reboot')
        issued.contains('xe vusb-create usb-group-uuid=1f731f6a-6f4c-3b0d-9b8e-2c6d1e0a7b54 ' +
                'vm-uuid=b7d2f5b3-6c1f-4a8e-8b62-2e3f4a5b6c7d') == (tape == 'usb-stick.fresh')

        where:
        recipe         | tape                      || statuses
        'usb-stick'    | 'usb-stick.fresh'         || [CHANGED]
        'usb-stick'    | 'usb-stick.second-run'    || [OK]
        'usb-keyboard' | 'usb-keyboard.fresh'      || [CHANGED, CHANGED]
        'usb-keyboard' | 'usb-keyboard.second-run' || [OK] * 2
    }

    def "nic-passthrough on a fresh host: what each step read and wrote"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay('nic-passthrough', 'nic-passthrough.fresh', issued)

        then: 'hide read the empty setting and wrote the device, keeping quoting for the parentheses'
        r.steps[0].diff == ['- xen-pciback.hide=(not set)', '+ xen-pciback.hide=(0000:04:01.0)']
        issued.contains("/opt/xensource/libexec/xen-cmdline --set-dom0 'xen-pciback.hide=(0000:04:01.0)'")

        and: 'the reboot read the boot id before and after, across the dropped connection'
        issued.subList(issued.indexOf('reboot') - 1, issued.indexOf('reboot') + 3) ==
                ['cat /proc/sys/kernel/random/boot_id', 'reboot', 'event: reboot', 'cat /proc/sys/kernel/random/boot_id']
        r.steps[1].message.startsWith('host is back, boot_id ')

        and: 'the VM steps found the router by name and kept its other other-config keys'
        r.steps[3].diff == ['- other-config:pci=(not set)', '+ other-config:pci=0/0000:04:01.0']
        r.steps[4].diff == ['- VCPUs-params:mask=(not set)', '+ VCPUs-params:mask=0,1,2,3,4,5,6,7']
        r.steps[5].diff == ['- power-state=halted', '+ power-state=running']
        issued.count { it == 'xe vm-list name-label=router --minimal' } == 1

        and: 'preflight came first and only read: the flavour from the host, devices, the NUMA topology (numaNodeOf), the VM and what other VMs hold'
        issued.take(6) == ['cat /etc/os-release', FlavourDetection.PROBE, 'lspci -nnk -D', 'xl info -n', 'xe vm-list name-label=router --minimal', XcpngCommands.vmRecords()]
        TapeReader.read(Repo.file('recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml')).flavour == 'xcpng'

        and: 'after the reboot, the hide that needed it was checked again and found in effect'
        r.steps[1].message.endsWith('1 step verified in effect')
        issued.subList(issued.indexOf('event: reboot'), issued.size()).take(4) ==
                ['event: reboot', 'cat /proc/sys/kernel/random/boot_id', XcpngCommands.getHidden(), 'xl pci-assignable-list']
    }

    def "nic-detach removes the NIC and the whole hide key once nothing is left hidden"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay('nic-detach', 'nic-detach.fresh', issued)

        then:
        r.steps[1].diff == ['- other-config:pci=0/0000:04:01.0', '+ other-config:pci=(not set)']
        issued.contains('xe vm-param-remove uuid=a3c1e4a2-5b0e-4f7d-9a51-1d2e3f4a5b6c param-name=other-config param-key=pci')
        r.steps[2].diff == ['- xen-pciback.hide=(0000:04:01.0)', '+ xen-pciback.hide=(not set)']
        issued.contains('/opt/xensource/libexec/xen-cmdline --delete-dom0 xen-pciback.hide')
    }

    def "xen-lab-nic, recorded on the real Xen lab (xl, no xe): the unset key's empty line read as nothing hidden"() {
        given:
        List<String> issued = []

        when:
        RunResult r = replay('xen-lab-nic', 'xen-lab-nic.fresh', issued)

        then: 'the real xen-cmdline printed an empty line for the unset key'
        TapeReader.read(Repo.file('recipes/xcp-ng/tapes/xen-lab-nic.fresh.yaml')).interactions
                .find { it.command == XcpngCommands.getHidden() }.stdout == '\n'
        r.steps[0].diff == ['- xen-pciback.hide=(not set)', '+ xen-pciback.hide=(0000:00:03.0)']

        and: 'only xen-cmdline, xl, lspci and the reboot: no xe, and no tool probe (the recipe names its flavour)'
        issued.findAll { !it.startsWith('event: ') }.collect { it.split(' ')[0] }.toSet() ==
                [XcpngCommands.XEN_CMDLINE, 'xl', 'lspci', 'cat', 'reboot'] as Set
        r.steps[1].diff == ['+ extra_guest_irqs=128']
        r.steps[2].message.endsWith('2 steps verified in effect')

        and: 'both tapes say where they come from'
        ['fresh', 'second-run'].every { String k ->
            TapeReader.read(Repo.file("recipes/xcp-ng/tapes/xen-lab-nic.${k}.yaml")).source
                    .startsWith('recorded from the real Xen 4.17 lab host (lab/xen-lab.sh')
        }
    }

    def "every shipped XCP-ng recipe has a fresh and a second-run tape"() {
        expect:
        Repo.file('recipes/xcp-ng').listFiles().findAll { it.name.endsWith('.groovy') }.every { File f ->
            String n = f.name - '.groovy'
            Repo.file("recipes/xcp-ng/tapes/${n}.fresh.yaml").isFile() && Repo.file("recipes/xcp-ng/tapes/${n}.second-run.yaml").isFile()
        }
    }
}
