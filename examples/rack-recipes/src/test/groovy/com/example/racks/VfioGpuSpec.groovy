package com.example.racks

import dev.passthru.spock.Host
import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Tape
import spock.lang.Specification

/** The KVM GPU recipe against sessions recorded from the demo KVM host: a fresh host, then a second run. */
@Recipe('recipes/vfio-gpu.groovy')
class VfioGpuSpec extends Specification {

    @Tape('recipes/tapes/vfio-gpu.fresh.yaml')
    def "binds the GPU and its audio function to vfio-pci and gives both to win10"(HostRun run, Host host) {
        expect:
        run.problems.empty
        run.step('hide 0000:06:00.0, 0000:06:00.1').changed
        run.rebooted
        run.step('verify assignable 0000:06:00.0, 0000:06:00.1').ok
        run.step("attach 0000:06:00.0, 0000:06:00.1 to VM 'win10'").changed
        run.step("start VM 'win10'").changed

        and: 'the host after the reboot'
        host.kernelCmdline.containsAll(['intel_iommu=on', 'iommu=pt', 'modprobe.blacklist=nouveau'])
        host.pci('0000:06:00.0').driver == 'vfio-pci'
        host.pci('0000:06:00.1').driver == 'vfio-pci'
        host.pci('0000:06:00.0').assignable
        host.pci('0000:06:00.0').iommuGroup == host.pci('0000:06:00.1').iommuGroup
        host.vm('win10').pciDevices == ['0000:06:00.0', '0000:06:00.1']
        host.vm('win10').state == 'running'
    }

    @Tape('recipes/tapes/vfio-gpu.second-run.yaml')
    def "on a host it already configured, every step is ok and nothing is written"(HostRun run) {
        expect:
        run.problems.empty
        run.steps.every { it.ok }
        run.wroteNothing()
    }
}
