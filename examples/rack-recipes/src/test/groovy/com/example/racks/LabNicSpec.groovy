package com.example.racks

import dev.passthru.spock.Host
import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Tape
import spock.lang.Specification

/** The lab NIC recipe against sessions recorded from the lab host: a real Debian kernel under QEMU (lab/lab.sh). */
@Recipe('recipes/lab-nic.groovy')
class LabNicSpec extends Specification {

    @Tape('recipes/tapes/lab-nic.fresh.yaml')
    def "turns the IOMMU on and binds the e1000 to vfio-pci across one real reboot"(HostRun run, Host host) {
        expect:
        run.problems.empty
        run.step('hide 0000:00:03.0').changed
        run.rebooted
        run.step('verify assignable 0000:00:03.0').ok

        and: "the kernel's own word after the reboot"
        host.kernelCmdline.contains('intel_iommu=on')
        host.pci('0000:00:03.0').driver == 'vfio-pci'
        host.pci('0000:00:03.0').assignable
    }

    @Tape('recipes/tapes/lab-nic.second-run.yaml')
    def "a second run on the real kernel finds everything in place and writes nothing"(HostRun run) {
        expect:
        run.problems.empty
        run.steps.every { it.ok }
        run.wroteNothing()
    }
}
