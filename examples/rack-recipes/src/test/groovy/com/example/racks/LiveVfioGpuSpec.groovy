package com.example.racks

import dev.passthru.spock.Host
import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Tape
import dev.passthru.spock.TapeMode
import spock.lang.Specification

/**
 * The GPU recipe on a live KVM host (PASSTHRU_HOST or -Dpassthru.host), recorded into target/: skipped where no host
 * is given. CI points it at `passthru serve demo-kvm` on 127.0.0.1; a lab engineer points it at a real host.
 */
@Recipe('recipes/vfio-gpu.groovy')
class LiveVfioGpuSpec extends Specification {

    @Tape(value = 'target/live/vfio-gpu.yaml', mode = TapeMode.RECORD, allowReboot = true)
    def "on a live host the GPU ends on vfio-pci in win10, and a second apply writes nothing"(HostRun run, Host host) {
        expect:
        run.problems.empty
        run.steps.every { it.changed || it.ok }
        host.pci('0000:06:00.0').driver == 'vfio-pci'
        host.pci('0000:06:00.0').assignable
        host.vm('win10').pciDevices == ['0000:06:00.0', '0000:06:00.1']

        and: 'idempotence: the same recipe again on the same host'
        run.applyAgain().wroteNothing()
    }
}
