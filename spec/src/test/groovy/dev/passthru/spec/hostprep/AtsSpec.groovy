package dev.passthru.spec.hostprep

import dev.passthru.runtime.demo.DemoMlxNic
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import spock.lang.Specification

import static dev.passthru.spec.hostprep.PrepDemo.NIC

/** ats on the KVM demo: the report with its fix, enable: true through mlxconfig and a host reboot, refusals. */
class AtsSpec extends Specification {
    PrepDemo demo = new PrepDemo()

    def "ats reports ATSCtl: Enable- with the mlxconfig fix and the host reboot it needs"() {
        when:
        RunResult r = demo.apply("ats pci('0000:07:00.0')")

        then:
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message == 'ATS is off on 0000:07:00.0 (lspci: ATSCtl: Enable-); fix: mlxconfig -d 0000:07:00.0 ' +
                '-y set ATS_ENABLED=true, then reboot the host (a VM reboot is not enough), or say ats ..., enable: ' +
                'true and reboot()'
        !demo.host.received.any { it.startsWith('mlxconfig') }
    }

    def "enable: true without mlxconfig is refused before any change"() {
        when:
        RunResult r = demo.apply("ats pci('0000:07:00.0'), enable: true")

        then:
        r.steps.isEmpty()
        r.problems*.message == ['ats enable: true needs mlxconfig (NVIDIA Firmware Tools, MFT), which this host ' +
                                        'does not have']
    }

    def "enable: true sets ATS_ENABLED for the next boot; reboot() brings it into effect; then it is in sync"() {
        given:
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'

        when:
        RunResult r = demo.apply("ats pci('0000:07:00.0'), enable: true\nreboot()")

        then:
        r.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED]
        r.steps[0].diff == ['- 0000:07:00.0 ATSCtl: Enable-', '+ 0000:07:00.0 ATSCtl: Enable+']
        demo.host.received.contains('mlxconfig -d 0000:07:00.0 -y set ATS_ENABLED=true')
        demo.state.boots == 2
        demo.state.pcie[NIC].ats

        when:
        RunResult again = demo.apply("ats pci('0000:07:00.0'), enable: true\nreboot()")

        then:
        again.steps*.status == [StepStatus.OK, StepStatus.OK]
    }

    def "set but not yet rebooted: the step asks for the reboot instead of setting it again"() {
        given:
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'
        demo.state.prep.nics[NIC] = new DemoMlxNic(true)

        when:
        RunResult r = demo.plan("ats pci('0000:07:00.0'), enable: true")

        then:
        r.steps*.status == [StepStatus.OK]
        r.steps[0].message == 'ATS_ENABLED is True(1) for the next boot of 0000:07:00.0 (mlxconfig): reboot the host'
        r.rebootStillNeeded.size() == 1
    }
}
