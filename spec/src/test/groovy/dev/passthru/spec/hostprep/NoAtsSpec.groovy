package dev.passthru.spec.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.RecipeLoader
import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.demo.DemoMlxNic
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.hostprep.AtsRecord
import dev.passthru.spec.engine.Engines
import spock.lang.Specification

import static dev.passthru.spec.hostprep.PrepDemo.NIC

/**
 * noAts: the round trip on the HGX demo (ats enable: true records what mlxconfig showed, noAts gives it back, each
 * checked after a host reboot through lspci's ATSCtl), a NIC passthru did not change left on, and the refusals.
 */
class NoAtsSpec extends Specification {
    static final String NICS = "def nics = pci(vendor: '15b3', device: '1021', count: 'all')\n"

    static RunResult apply(DemoKvmHost host, String body) {
        Engines.on(host).apply(new RecipeLoader().load("recipe('x') {\n${NICS}${body}\n}\n", 'x.groovy'))
    }

    static List<PciAddress> nics(DemoKvmState s) {
        s.pci.findAll { it.ids == '15b3:1021' }*.address.sort()
    }

    def "HGX: ats enable, reboot, Enable+; noAts, reboot, Enable- again, the record gone; again: no change"() {
        given: 'one ConnectX-7 that had ATS on before passthru'
        DemoKvmState s = DemoHgx.state()
        DemoKvmHost host = new DemoKvmHost(s)
        List<PciAddress> all = nics(s)
        PciAddress before = all[0]
        List<PciAddress> off = all.drop(1)
        s.pcie[before].ats = true

        when:
        RunResult on = apply(host, 'ats nics, enable: true\nreboot()')

        then: 'the record names only what passthru changed, with the value mlxconfig showed'
        all.size() == 8
        on.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED]
        all.every { s.pcie[it].ats }
        AtsRecord.parse(s.files[AtsRecord.PATH]).was == off.collectEntries { [(it): 'False(0)'] }
        !host.received.contains("mlxconfig -d ${before} -y set ATS_ENABLED=true".toString())

        when:
        host.received.clear()
        RunResult plan = Engines.on(host).plan(new RecipeLoader().load(
                "recipe('x') {\n${NICS}noAts nics\nreboot()\n}\n", 'x.groovy'))

        then: 'the plan shows the exact commands'
        plan.steps[0].status == StepStatus.WOULD_CHANGE
        plan.steps[0].commands*.command.findAll { it?.startsWith('mlxconfig') } ==
                off.collect { "mlxconfig -d ${it} -y set ATS_ENABLED=false".toString() }
        plan.steps[0].commands*.command.contains("rm -f ${AtsRecord.PATH}".toString())
        plan.steps[0].diff.containsAll(["- ${off[0]} ATSCtl: Enable+".toString(),
                "+ ${off[0]} ATSCtl: Enable- (ATS_ENABLED False(0), its value before passthru)".toString()])
        !host.received.any { it.contains('set ATS_ENABLED') }

        when:
        RunResult undo = apply(host, 'noAts nics\nreboot()')

        then: 'after the reboot ATSCtl follows the firmware; the NIC on before passthru stays on'
        undo.steps*.status == [StepStatus.CHANGED, StepStatus.CHANGED]
        undo.steps[0].message.contains("${before}: no ATS change of passthru's to give back")
        off.every { !s.pcie[it].ats }
        s.pcie[before].ats
        !s.files.containsKey(AtsRecord.PATH)
        !host.received.contains("mlxconfig -d ${before} -y set ATS_ENABLED=false".toString())

        when:
        host.received.clear()
        RunResult again = apply(host, 'noAts nics\nreboot()')

        then:
        again.steps*.status == [StepStatus.OK, StepStatus.OK]
        !host.received.any { it.contains('set ATS_ENABLED') }
    }

    def "noAts before the reboot: the firmware is given back, the step asks for the reboot until it comes"() {
        given:
        PrepDemo demo = recorded()

        when:
        RunResult r = demo.apply("noAts pci('0000:07:00.0')")
        RunResult waiting = demo.plan("noAts pci('0000:07:00.0')")

        then:
        r.steps*.status == [StepStatus.CHANGED]
        r.rebootStillNeeded.size() == 1
        !demo.state.prep.nics[NIC].atsNextBoot
        demo.state.pcie[NIC].ats
        waiting.steps[0].status == StepStatus.OK
        waiting.steps[0].message == 'ATS_ENABLED is False(0) for the next boot of 0000:07:00.0 (mlxconfig) while ' +
                'lspci shows ATSCtl: Enable+: reboot the host'

        when:
        demo.reboot()

        then:
        !demo.state.pcie[NIC].ats
        demo.plan("noAts pci('0000:07:00.0')").steps[0].status == StepStatus.OK
        demo.plan("noAts pci('0000:07:00.0')").rebootStillNeeded.isEmpty()
    }

    def "a NIC with ATS on that passthru did not turn on is left on, and says so"() {
        given:
        PrepDemo demo = new PrepDemo()
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'
        demo.state.pcie[NIC].ats = true
        demo.state.prep.nics[NIC] = new DemoMlxNic(true)

        when:
        RunResult r = demo.apply("noAts pci('0000:07:00.0')")

        then:
        r.steps*.status == [StepStatus.OK]
        r.steps[0].message == "0000:07:00.0: no ATS change of passthru's to give back (none in " +
                '/var/lib/passthru/ats-was), left as it is'
        !demo.host.received.any { it.startsWith('mlxconfig') && it.contains('set') }
        demo.state.pcie[NIC].ats
    }

    def "a device with ATS that mlxconfig cannot open (not a ConnectX) is left as it is"() {
        given:
        PrepDemo demo = new PrepDemo()
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'
        demo.state.pcie[PrepDemo.GPU].ats = false

        when:
        RunResult r = demo.apply("noAts pci('0000:06:00.0')")

        then:
        r.steps*.status == [StepStatus.OK]
        r.steps[0].message.startsWith("0000:06:00.0: no ATS change of passthru's to give back")
        demo.host.received.contains('mlxconfig -d 0000:06:00.0 q ATS_ENABLED')
    }

    def "noAts is refused while a running VM has the NIC"() {
        given:
        PrepDemo demo = recorded()
        demo.runningVmWith(NIC)
        demo.state.domains['router-kvm'].state = 'running'   // the reboot after ats shut it off

        when:
        RunResult r = demo.apply("noAts pci('0000:07:00.0')")

        then:
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message == "VM 'router-kvm' (0000:07:00.0) is running with those NICs: stop it before giving " +
                'back their firmware ATS setting'
        demo.state.prep.nics[NIC].atsNextBoot
        demo.state.files.containsKey(AtsRecord.PATH)
    }

    def "noAts without mlxconfig is refused before any change, with the fix"() {
        given:
        PrepDemo demo = recorded()
        demo.state.tools.remove('mlxconfig')

        when:
        RunResult r = demo.apply("noAts pci('0000:07:00.0')")

        then:
        r.steps.isEmpty()
        r.problems*.message == ['noAts needs mlxconfig (NVIDIA Firmware Tools, MFT) to give 0000:07:00.0 their ATS ' +
                                        'setting back, which this host does not have']
        r.problems[0].fix == 'install MFT (mft package), or run mlxconfig -d 0000:07:00.0 -y set ' +
                'ATS_ENABLED=false elsewhere and reboot'
        demo.state.files.containsKey(AtsRecord.PATH)
    }

    /** The prep demo after ats enable: true and its reboot: ATS on, mlxconfig installed, the record kept. */
    private static PrepDemo recorded() {
        PrepDemo demo = new PrepDemo()
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'
        assert demo.apply("ats pci('0000:07:00.0'), enable: true\nreboot()").steps*.status ==
                [StepStatus.CHANGED, StepStatus.CHANGED]
        assert demo.state.pcie[NIC].ats
        demo
    }
}
