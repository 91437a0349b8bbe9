package dev.passthru.spec.demo

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.RecipeException
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoState
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.Facts
import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.transport.Transport
import spock.lang.Specification

/**
 * Issue 4 on the demo hosts: selectors resolve against lspci or stop the run listing what is there,
 * numaNodeOf and the NUMA policies, and each preflight finding with its severity, evidence and fix.
 */
class SelectorsAndPreflightSpec extends Specification {

    static Preflight check(Transport host, String text) {
        Recipe r = new RecipeLoader().load(text, 'r.groovy')
        new FlavourDetection(new Facts(host), null, { long ms -> } as Rebooter.Pause).detect(r.flavour).preflight(r)
    }

    static List<String> describe(Preflight p) { p.recipe.steps*.describe() }

    DemoKvmHost kvm = new DemoKvmHost(DemoKvmState.standard())

    /** The KVM demo after a reboot with the IOMMU on (IOMMU groups present). */
    DemoKvmHost kvmWithIommu() {
        RunResult r = KvmDemoHostSpec.run(kvm, "recipe('on') { flavour 'kvm'\n kernel { iommu() }\n reboot() }")
        assert !r.failed
        kvm
    }

    def "pci(vendor:, device:) and an alias resolve to the one device lspci lists; withFunctions() adds the slot's other functions"() {
        when:
        Preflight p = check(kvm, """
alias 'gtx1050', vendor: '10de', device: '1c81'
recipe('r') { flavour 'kvm'
    kernel { iommu() }
    hide pci(vendor: '10DE', device: '1c81')
    hide pci(alias: 'gtx1050').withFunctions()
    hide gpus()
}""")

        then:
        p.findings.isEmpty()
        describe(p).drop(1) == ['hide 0000:06:00.0', 'hide 0000:06:00.0, 0000:06:00.1', 'hide 0000:06:00.0']
        p.recipe.steps[2].devices*.declaredAt*.line == [6, 6]
    }

    def "a selector matching nothing, or more than asked, stops the run at its line and lists what is there"() {
        when:
        Preflight p = check(kvm, """recipe('r') { flavour 'kvm'
    kernel { iommu() }
    hide pci(vendor: '1002')
    hide pci(vendor: '8086', device: '1521')
    hide pci(class: 'nvme', count: 2)
}""")

        then:
        p.errors()*.location*.line == [3, 4, 5]
        p.errors()[0].message.startsWith("pci(vendor: '1002') matches no device; the nearest lspci -nnk -D lists (")
        p.errors()[1].message == "pci(vendor: '8086', device: '1521') matches 2 devices, and the recipe asked for 1: 0000:02:00.0 Ethernet controller [0200] 8086:1521 (driver igb); 0000:02:00.1 Ethernet controller [0200] 8086:1521 (driver igb); say which with a PCI address or count: 2"
        p.errors()[2].message.startsWith("pci(class: 'nvme', count: 2) matches 1 device, and the recipe asked for 2: 0000:05:00.0 Non-Volatile memory controller [0108] 144d:a808")
    }

    def "count: 'all' takes every match; withGroup() needs IOMMU groups and takes the group's endpoints, not its bridges"() {
        expect:
        describe(check(kvm, "recipe('r') { flavour 'kvm'\n kernel { iommu() }\n hide pci(vendor: '8086', device: '1521', count: 'all') }")) ==
                ['kernel args +intel_iommu=on|amd_iommu=on +iommu=pt', 'hide 0000:02:00.0, 0000:02:00.1']

        when: 'the IOMMU is off: no groups to read'
        Preflight off = check(kvm, "recipe('r') { flavour 'kvm'\n hide pci('06:00.0').withGroup() }")

        then:
        off.errors()*.message == ["0000:06:00.0.withGroup(): 0000:06:00.0 has no IOMMU group because the IOMMU is off (/sys/kernel/iommu_groups is empty); turn the IOMMU on first (kernel { iommu() } and a reboot), or name the devices"]

        when: 'on: group 1 holds root port 00:01.0 and both GPU functions'
        Preflight on = check(kvmWithIommu(), "recipe('r') { flavour 'kvm'\n hide pci('06:00.0').withGroup() }")

        then:
        on.findings.isEmpty()
        describe(on) == ['hide 0000:06:00.0, 0000:06:00.1']
    }

    def "numaNodeOf pins a KVM VM to whole cores of the device's node; the node's CPUs are read from sysfs and lscpu"() {
        when:
        RunResult r = KvmDemoHostSpec.run(kvmWithIommu(), """recipe('r') { flavour 'kvm'
    def nvme = pci(class: 'nvme')
    vm('win10') { attach nvme
        pinVcpus numaNodeOf(nvme) }
}""")

        then: 'the NVMe drive is on node 1 (CPUs 4-7 and their siblings 12-15); win10 has 4 vCPUs: two whole cores'
        !r.failed
        r.steps[1].step.describe() == "pin VM 'win10' vCPUs to host CPUs within 4-7,12-15 (NUMA-local)"
        r.steps[1].diff[1] == '+ vcpupin 0:4 1:12 2:5 3:13; emulatorpin 4-5,12-13; topology 1 socket x 2 cores x 2 threads'
        kvm.received.contains('grep -H . /sys/bus/pci/devices/*/numa_node')
    }

    def "NUMA policy #policy: CPUs on the other node than the attached device give #severity"() {
        when:
        Preflight p = check(kvmWithIommu(), """recipe('r') { flavour 'kvm'
    vm('win10') { attach pci('05:00.0')
        pinVcpus 0, 1, 8, 9${policy ? ", policy: '${policy}'" : ''} }
}""")

        then:
        p.findings*.severity*.name() == [severity]
        p.findings[0].message == "host CPUs ${cpus} are not on ${where}, where 0000:05:00.0 (attached to VM 'win10') is"
        p.findings[0].evidence == 'grep -H . /sys/bus/pci/devices/*/numa_node: 0000:05:00.0 node 1'
        p.findings[0].fix.startsWith("pin to node 1's CPUs (4-7,12-15)")

        where:
        policy      || severity  | cpus        | where
        null        || 'ERROR'   | '0-1,8-9'   | 'node 1'
        'required'  || 'ERROR'   | '0-1,8-9'   | 'node 1'
        'preferred' || 'WARNING' | '0-1,8-9'   | 'node 1'
        'socket'    || 'ERROR'   | '0-1,8-9'   | 'socket 1'
    }

    def "NUMA policy: CPUs on the device's node pass every policy; a host with one node never disagrees"() {
        expect:
        check(kvmWithIommu(), "recipe('r') { flavour 'kvm'\n vm('win10') { attach pci('05:00.0')\n pinVcpus 4, 5, 12, 13 } }").findings.isEmpty()

        when: 'the firmware gives no node (-1) on a two-node host'
        DemoKvmHost unknown = new DemoKvmHost(DemoKvmState.standard()) {
            @Override
            protected dev.passthru.runtime.transport.CommandResult answerLine(String command) {
                command == dev.passthru.runtime.pci.PciCommands.NUMA_NODES ? ok(command, state.numaNodes().replaceAll(/numa_node:\d/, 'numa_node:-1')) : super.answerLine(command)
            }
        }
        Preflight required = check(unknown, "recipe('r') { flavour 'kvm'\n kernel { iommu() }\n def d = pci('05:00.0')\n vm('win10') { attach d\n pinVcpus numaNodeOf(d) } }")
        Preflight preferred = check(unknown, "recipe('r') { flavour 'kvm'\n kernel { iommu() }\n def d = pci('05:00.0')\n vm('win10') { attach d\n pinVcpus numaNodeOf(d), policy: 'preferred' } }")

        then:
        required.errors()*.message == ['numaNodeOf(0000:05:00.0): the host does not say which NUMA node this device is on (numa_node is -1)']
        preferred.errors().isEmpty()
        preferred.warnings()*.message == ["numaNodeOf(0000:05:00.0): the host does not say which NUMA node this device is on (numa_node is -1); policy 'preferred' pins to all 16 host CPUs"]
        describe(preferred)[2] == "pin VM 'win10' vCPUs to host CPUs within 0-15 (NUMA-local)"
    }

    def "KVM: an SR-IOV VF with its PF, and a device a running VM already has, are errors with evidence"() {
        given:
        kvm.state.domains['router-kvm'].xml = kvm.state.domains['router-kvm'].xml.replace('</devices>',
                "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x05' slot='0x00' function='0x0'/></source></hostdev></devices>")

        when:
        Preflight p = check(kvmWithIommu(), """recipe('r') { flavour 'kvm'
    hide pci('02:00.0'), pci('02:00.1'), pci('02:10.0')
    vm('win10') { attach pci('05:00.0') }
}""")

        then:
        p.errors()*.message == ['0000:02:10.0 is an SR-IOV virtual function of 0000:02:00.0, and the recipe requests both']
        p.errors()[0].evidence == 'sysfs: /sys/bus/pci/devices/0000:02:10.0/physfn -> ../0000:02:00.0'
        p.warnings()*.message == ["0000:05:00.0 is also attached to VM 'router-kvm' (halted); only one of the two can run at a time"]

        when: 'router-kvm is running'
        kvm.state.domains['router-kvm'].state = 'running'
        Preflight running = check(kvm, "recipe('r') { flavour 'kvm'\n vm('win10') { attach pci('05:00.0') } }")

        then:
        running.errors()*.message == ["0000:05:00.0 is already attached to VM 'router-kvm', which is running"]
        running.errors()[0].evidence == "virsh -c qemu:///system dumpxml --inactive --security-info --domain router-kvm: VM 'router-kvm' has 0000:05:00.0 and is running"
        running.errors()[0].fix == "stop 'router-kvm' and detach 0000:05:00.0 from it first"
    }

    def "KVM: the IOMMU off without the recipe turning it on, and off although the kernel was told to (firmware)"() {
        when:
        Preflight p = check(kvm, "recipe('r') { flavour 'kvm'\n hide pci('06:00.0'), pci('06:00.1') }")

        then:
        p.errors()*.message == ['the IOMMU is off (no IOMMU groups), and the recipe does not turn it on']
        p.errors()[0].fix.startsWith('add kernel { iommu() } before this step')

        when: 'intel_iommu=on is on the running command line but there are no groups'
        Preflight fw = check(new DemoKvmHost(firmwareOff()), "recipe('r') { flavour 'kvm'\n kernel { iommu() }\n verify { assignable pci('06:00.0') } }")

        then:
        fw.errors()*.message == ['the kernel was started with intel_iommu=on but shows no IOMMU groups: the IOMMU is off in the firmware']
        fw.errors()[0].fix.startsWith('enable VT-d (Intel) or AMD-Vi')
    }

    /** A KVM demo whose kernel was started with intel_iommu=on while VT-d is off in the firmware: no IOMMU groups. */
    static DemoKvmState firmwareOff() {
        DemoKvmState s = new DemoKvmState('debian') {
            @Override
            String iommuGroups() { '' }
        }
        DemoKvmState std = DemoKvmState.standard()
        s.pci.addAll(std.pci)
        s.files.putAll(std.files)
        s.mtimes.putAll(std.mtimes)
        s.domains.putAll(std.domains)
        s.grubCfgCmdline = std.generatedCmdline() + ' intel_iommu=on'
        s.boot()
        s
    }

    def "XCP-ng: a USB controller on 8.2 is a warning that 8.3 lifts; an NVMe drive without extra_guest_irqs is a warning; VT-d off is an error"() {
        given:
        DemoState s = DemoState.standard()
        s.version = version
        s.extraGuestIrqs = irqs
        s.iommu = iommu

        when:
        Preflight p = check(new DemoXcpngHost(s), "recipe('r') {\n hide pci(class: 'usb'), pci(class: 'nvme')\n}")

        then:
        p.findings.collect { "${it.severity}: ${it.message.take(30)}".toString() } == expected
        p.findings.every { it.evidence && it.fix && it.location.line == 2 }

        where:
        version | irqs | iommu || expected
        '8.2.1' | null | true  || ['WARNING: 0000:00:1a.0 is a USB controll', 'WARNING: 0000:05:00.0 is an NVMe drive,']
        '8.3.0' | null | true  || ['WARNING: 0000:05:00.0 is an NVMe drive,']
        '8.3.0' | '64' | true  || []
        '8.3.0' | '32' | true  || ['WARNING: 0000:05:00.0 is an NVMe drive,']
        '8.3.0' | '64' | false || ['ERROR: the IOMMU is off: Xen reports ']
    }

    def "XCP-ng: the NVMe finding's fix is the recipe line; a recipe whose xen { } sets #xen is not warned: #warned"() {
        when:
        Preflight p = check(new DemoXcpngHost(), "recipe('r') {\n xen { arg '${xen}' }\n reboot()\n " +
                "hide pci(class: 'nvme')\n}")

        then:
        p.findings*.fix == (warned ? ["add to the recipe, before this step: xen { arg 'extra_guest_irqs=64' } and " +
                'reboot() (recipes/xcp-ng/xen-boot-options.groovy)'] : [])

        where:
        xen                    || warned
        'extra_guest_irqs=128' || false
        'extra_guest_irqs=32'  || true
        'loglvl=all'           || true
    }

    def "XCP-ng: NUMA nodes come from Xen's xl info -n; numaNodeOf is the node's CPUs as the mask; withGroup is refused"() {
        given:
        DemoXcpngHost host = new DemoXcpngHost()

        when:
        Preflight p = check(host, "recipe('r') {\n def gpu = pci(vendor: '10de', device: '1c82').withFunctions()\n vm('gpu-worker') { attach gpu\n pinVcpus numaNodeOf(gpu) }\n}")

        then:
        p.findings.isEmpty()
        describe(p) == ['attach 0000:81:00.0, 0000:81:00.1 to VM \'gpu-worker\'', "pin VM 'gpu-worker' vCPUs to host CPUs within 8-15 (NUMA-local)"]
        host.received.contains('xl info -n')

        when:
        Preflight wrong = check(new DemoXcpngHost(), "recipe('r') {\n vm('gpu-worker') { attach pci('81:00.0')\n pinVcpus 0..3 }\n}")
        Preflight group = check(new DemoXcpngHost(), "recipe('r') {\n hide pci('81:00.0').withGroup()\n}")

        then:
        wrong.errors()*.message == ["host CPUs 0-3 are not on node 1, where 0000:81:00.0 (attached to VM 'gpu-worker') is"]
        wrong.errors()[0].evidence == 'xl info -n (device topology): 0000:81:00.0 node 1'
        group.errors()*.message == ["0000:81:00.0.withGroup(): XCP-ng's dom0 does not see IOMMU groups (Xen owns the IOMMU); name the devices, or use withFunctions()"]
    }

    def "recipe mistakes in selectors are refused at load, naming the line: #text"() {
        when:
        new RecipeLoader().load("recipe('r') {\n ${text}\n}", 'r.groovy')

        then:
        RecipeException e = thrown()
        e.userMessage() == "r.groovy:2: ${message}"

        where:
        text                                               || message
        "hide pci(vendor: '10dex')"                        || "pci: vendor: '10dex' is not a 4-digit hex id (lspci -nn shows them as [10de:1c81])"
        "hide pci(device: '1c81')"                         || "pci: device: '1c81' needs vendor: too (device ids are per vendor)"
        "hide pci(class: 'toaster')"                       || 'pci: unknown device class \'toaster\': use one of gpu, vga, audio, nic, network, nvme, storage, usb, or a hex class code such as \'0300\''
        "hide pci(vendor: '10de', count: 0)"               || "pci: count: must be a number from 1 up, or 'all' (got '0')"
        "hide pci(alias: 'gpu')"                           || "pci: no alias 'gpu' is defined; define it with alias 'gpu', vendor: ..., device: ..."
        "hide pci(vendor: '10de', colour: 'green')"        || 'pci: unknown key colour (use vendor:, device:, class:, node:, count: or alias:)'
        "alias 'a', vendor: '10de'; alias 'a', vendor: '10de'" || "alias 'a' is already defined; an alias is defined once"
        "vm('x') { pinVcpus 1, 2, policy: 'strict' }"       || "pinVcpus: policy: 'strict' is not one of required, preferred, socket"
        "vm('x') { pinVcpus numaNodeOf(pci('01:00.0')), 3 }" || 'pinVcpus: numaNodeOf(...) stands alone, without other CPUs'
    }
}
