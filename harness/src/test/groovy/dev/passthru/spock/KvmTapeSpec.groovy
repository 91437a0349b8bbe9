package dev.passthru.spock

import spock.lang.Specification

/** Host readers on KVM tapes: the lab's real kernel (lab-nic) and the KVM demo host with a VM (vfio-gpu). */
class KvmTapeSpec extends Specification {
    @Recipe('../recipes/kvm/lab-nic.groovy')
    @Tape('../recipes/kvm/tapes/lab-nic.fresh.yaml')
    def "the lab NIC ends bound to vfio-pci, in its own IOMMU group, with the IOMMU on the command line"(HostRun run,
            Host host) {
        expect:
        run.passed
        run.rebooted
        run.step('verify assignable 0000:00:03.0').ok
        host.pci('0000:00:03.0').driver == 'vfio-pci'
        host.pci('0000:00:03.0').hidden
        host.pci('0000:00:03.0').assignable
        host.pci('0000:00:03.0').iommuGroup == 3
        host.kernelCmdline.containsAll(['intel_iommu=on', 'iommu=pt', 'vfio-pci.ids=8086:100e'])
    }

    @Recipe('../recipes/kvm/vfio-gpu.groovy')
    @Tape('../recipes/kvm/tapes/vfio-gpu.fresh.yaml')
    def "the GPU and its audio function go to win10, pinned, with NUMA-local memory"(HostRun run, Host host) {
        expect:
        run.passed
        host.vm('win10').state == 'running'
        host.vm('win10').pciDevices == ['0000:06:00.0', '0000:06:00.1']
        host.vm('win10').pinning == '0:2 1:10 2:3 3:11'   // the tape's <vcpupin> elements
        host.vm('win10').numaMemory == 'strict:0'
        host.pci('0000:06:00.0').driver == 'vfio-pci'
    }

    @Recipe('../recipes/kvm/vfio-gpu.groovy')
    @Tape('../recipes/kvm/tapes/vfio-gpu.second-run.yaml')
    def "on the converged KVM host the run writes nothing, and neither does the next"(HostRun run) {
        expect:
        run.passed
        !run.rebooted
        run.wroteNothing()
        run.applyAgain().wroteNothing()
    }
}
