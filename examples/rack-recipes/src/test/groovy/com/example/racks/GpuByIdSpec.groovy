package com.example.racks

import dev.passthru.spock.Host
import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Twin
import spock.lang.Specification

/**
 * GPU recipes on a twin of rack2-07, whose GTX 1050 sits at 0a:00.0 on NUMA node 1 (twins/gpu-in-slot-0a.yaml, the
 * demo KVM host with the card moved): no tape to record, each feature gets a fresh copy, the file is never written.
 */
@Twin('twins/gpu-in-slot-0a.yaml')
class GpuByIdSpec extends Specification {

    @Recipe('recipes/gpu-by-id.groovy')
    def "finds the GPU in slot 0a by its ids and gives it, with its audio, to win10 on the GPU's NUMA node"(
            HostRun run, Host host) {
        expect:
        run.problems.empty
        run.step('hide 0000:0a:00.0, 0000:0a:00.1').changed
        run.rebooted
        run.step('verify assignable 0000:0a:00.0, 0000:0a:00.1').ok

        and: 'the twin after the reboot'
        host.pci('0000:0a:00.0').assignable
        host.pci('0000:0a:00.0').numaNode == 1
        host.vm('win10').pciDevices == ['0000:0a:00.0', '0000:0a:00.1']
        host.vm('win10').pinning == '0:4 1:12 2:5 3:13'      // node 1's CPUs, SMT siblings together
        host.vm('win10').numaMemory == 'strict:1'
        host.vm('win10').state == 'running'

        and: 'applying it again changes nothing'
        run.applyAgain().wroteNothing()
    }

    @Recipe('recipes/vfio-gpu.groovy')
    def "vfio-gpu names the GPU at 06:00.0, so on this host it stops at preflight and changes nothing"(HostRun run) {
        expect:
        run.problems.any { it.contains('device 0000:06:00.0 is not on this host') }
        run.wroteNothing()
    }
}
