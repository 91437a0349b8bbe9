package com.example.racks

import dev.passthru.spock.Host
import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Tape
import spock.lang.Specification

/** The XCP-ng NIC recipe against sessions recorded from the demo XCP-ng host: a fresh host, then a second run. */
@Recipe('recipes/nic-passthrough.groovy')
class NicPassthroughSpec extends Specification {

    @Tape('recipes/tapes/nic-passthrough.fresh.yaml')
    def "hides the NIC, reboots once, and hands it to the router with NUMA-local vCPUs"(HostRun run, Host host) {
        expect:
        run.problems.empty
        run.step('hide 0000:04:01.0').changed
        run.step('hide 0000:04:01.0').diff.any { it.contains('xen-pciback.hide=(0000:04:01.0)') }
        run.rebooted
        run.step('verify assignable 0000:04:01.0').ok
        run.step("attach 0000:04:01.0 to VM 'router'").changed
        run.step("start VM 'router'").changed

        and: 'the host, read after the run from the same session'
        host.pci('0000:04:01.0').hidden
        host.pci('0000:04:01.0').assignable
        host.vm('router').pciDevices == ['0000:04:01.0']
        host.vm('router').state == 'running'
    }

    @Tape('recipes/tapes/nic-passthrough.second-run.yaml')
    def "on a host it already configured, every step is ok and nothing is written"(HostRun run) {
        expect:
        run.problems.empty
        run.steps.every { it.ok }
        !run.rebooted
        run.wroteNothing()
    }
}
