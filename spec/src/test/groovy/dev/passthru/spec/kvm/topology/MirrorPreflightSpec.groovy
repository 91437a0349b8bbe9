package dev.passthru.spec.kvm.topology

import static dev.passthru.spec.kvm.topology.HgxHost.gpu
import static dev.passthru.spec.kvm.topology.HgxHost.gpus
import static dev.passthru.spec.kvm.topology.HgxHost.nics
import static dev.passthru.spec.kvm.topology.HgxHost.nvswitch
import static dev.passthru.spec.kvm.topology.HgxHost.nvswitches

import dev.passthru.dsl.Recipe
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.preflight.DeviceUse
import dev.passthru.runtime.kvm.topology.MirrorPreflight
import spock.lang.Specification

/**
 * Preflight of mirrorTopology on the HGX-like host: a non-q35 domain, a device on no NUMA node, more vCPUs than a
 * node's CPUs, and a split NVLink fabric are each refused with one clear finding; the layouts NVIDIA allows pass.
 */
class MirrorPreflightSpec extends Specification {
    static final String I440FX = MirrorLayoutSpec.GUEST.replace("machine='pc-q35-7.2'", "machine='pc-i440fx-7.2'")

    def "#what: #count finding(s)"() {
        when:
        List<Finding> found = MirrorPreflight.check(MirrorLayoutSpec.step(devices, vcpus), xml, tree, HgxHost.cpus(),
                HgxHost.functions())

        then:
        found*.message == messages

        where:
        what                               | devices                            | vcpus | xml                    | tree                                || messages
        'all GPUs, all NVSwitches'         | gpus() + nics() + nvswitches()     | 88    | MirrorLayoutSpec.GUEST | HgxHost.tree()                      || []
        'GPUs only (host Fabric Manager)'  | gpus()                             | 88    | MirrorLayoutSpec.GUEST | HgxHost.tree()                      || []
        'an i440fx domain'                 | gpus()                             | 8     | I440FX                 | HgxHost.tree()                      || ["VM 'hgx-guest' is a pc-i440fx-7.2 machine: mirrorTopology needs q35, the only machine with PCI Express (pcie-expander-bus, root and switch ports); change <type machine=...> to q35 (the guest sees new hardware) or create the VM as q35"]
        'a device on no NUMA node'         | [gpu(1)]                           | 8     | MirrorLayoutSpec.GUEST | MirrorLayoutSpec.noNode(gpu(1))     || ['0000:22:00.0 is on no NUMA node, so mirrorTopology cannot place it in a guest cell']
        'more vCPUs than node 0 has'       | [gpu(0)]                           | 49    | MirrorLayoutSpec.GUEST | HgxHost.tree()                      || ["VM 'hgx-guest' would get 49 vCPUs on host node 0, which has 48 CPUs"]
        'some NVSwitches'                  | gpus() + [nvswitch(0), nvswitch(1)] | 8    | MirrorLayoutSpec.GUEST | HgxHost.tree()                      || ["the VM gets 2 of the host's 4 NVSwitches but not NVSwitches 0000:06:00.0, 0000:07:00.0: the NVLink fabric is managed in one VM (every GPU and every NVSwitch passed to it, Fabric Manager in the guest) or by the host (GPUs only, the NVSwitches left to the host's Fabric Manager), never split"]
        'all NVSwitches, one GPU missing'  | gpus().drop(1) + nvswitches()      | 8     | MirrorLayoutSpec.GUEST | HgxHost.tree()                      || ["the VM gets 4 of the host's 4 NVSwitches but not GPU 0000:12:00.0: the NVLink fabric is managed in one VM (every GPU and every NVSwitch passed to it, Fabric Manager in the guest) or by the host (GPUs only, the NVSwitches left to the host's Fabric Manager), never split"]
        'a VM that does not exist (elsewhere)' | gpus()                         | 8     | null                   | HgxHost.tree()                      || []
        count = messages.size()
    }

    def "the findings name their evidence and the fix"() {
        when:
        List<Finding> found = MirrorPreflight.check(MirrorLayoutSpec.step(gpus() + [nvswitch(2)], 100), I440FX,
                HgxHost.tree(), HgxHost.cpus(), HgxHost.functions())

        then:
        found*.evidence == ["virsh -c qemu:///system dumpxml --inactive --security-info --domain hgx-guest: <type machine='pc-i440fx-7.2'>",
                            'lscpu -p=CPU,CORE,SOCKET,NODE: 48 CPUs on node 0',
                            'lscpu -p=CPU,CORE,SOCKET,NODE: 48 CPUs on node 1',
                            'lspci -nn: Bridge [0680] NVIDIA NVSwitches at 0000:04:00.0, 0000:05:00.0, 0000:06:00.0, ' +
                                    '0000:07:00.0']
        found[3].fix == "pass every NVSwitch and GPU (pci(vendor: '10de', class: '0680', count: 'all'), gpus()), or no NVSwitch"
    }

    def "a device mirrorTopology gives that another VM has: an error when that VM runs, a warning when halted"() {
        given:
        Recipe r = new Recipe('r', '', [MirrorLayoutSpec.step([gpu(0), gpu(1)])], 'hgx.passthru')

        when:
        List<Finding> found = DeviceUse.attachedElsewhere(r, [
                new DeviceUse.VmDevices('train', true, [gpu(0)], 'virsh dumpxml train'),
                new DeviceUse.VmDevices('spare', false, [gpu(1)], 'virsh dumpxml spare'),
                new DeviceUse.VmDevices('hgx-guest', true, [gpu(0)], 'virsh dumpxml hgx-guest')])

        then:
        found*.message == ["0000:12:00.0 is already attached to VM 'train', which is running",
                           "0000:22:00.0 is also attached to VM 'spare' (halted); only one of the two can run at a time"]
        found*.severity == [Finding.Severity.ERROR, Finding.Severity.WARNING]
    }
}
