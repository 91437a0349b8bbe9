package dev.passthru.spock

import spock.lang.Specification

/** The harness as a user writes it, on the shipped XCP-ng demo tapes: a replayed run and host readers on a tape. */
@Recipe('../recipes/xcp-ng/nic-passthrough.groovy')
@Tape('../recipes/xcp-ng/tapes/nic-passthrough.fresh.yaml')
class XcpngTapeSpec extends Specification {
    def "hides the NIC, reboots and hands it to the router, as the tape recorded"(HostRun run, Host host) {
        expect:
        run.passed
        run.step('hide 0000:04:01.0').changed
        run.rebooted
        run.writes.any { it.startsWith('/opt/xensource/libexec/xen-cmdline --set-dom0') }
        host.pci('0000:04:01.0').hidden
        host.pci('0000:04:01.0').assignable
        host.vm('router').pciDevices == ['0000:04:01.0']
        host.vm('router').state == 'running'
        host.vm('router').pinning == '0,1,2,3,4,5,6,7'
    }

    @Tape('../recipes/xcp-ng/tapes/nic-passthrough.second-run.yaml')
    def "a converged host: nothing changes, nothing is written, and again nothing"(HostRun run) {
        expect:
        run.passed
        run.step('hide 0000:04:01.0').ok
        !run.rebooted
        run.wroteNothing()
        run.applyAgain().wroteNothing()
    }
}
