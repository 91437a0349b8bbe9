package dev.passthru.spec.hostprep

import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import spock.lang.Specification

import static dev.passthru.spec.hostprep.PrepDemo.RP1
import static dev.passthru.spec.hostprep.PrepDemo.RP2

/** acs { } and noAcs on the KVM demo: now and at every boot through the unit, the old values given back, refusals. */
class AcsSpec extends Specification {
    static final String UNIT = '/etc/systemd/system/passthru-acs.service'
    static final String PATHS = "acs { paths pci('0000:07:00.0'), pci('0000:06:00.0') }"
    PrepDemo demo = new PrepDemo()

    List<String> writesSince(int mark) {
        demo.host.received.drop(mark).findAll { ReadCommands.of(it) == CommandKind.WRITE }
    }

    def "acs sets the root ports above the devices within their capability, keeps the old values, runs at boot"() {
        given:
        demo.state.pcie[RP1].acsCtl = 0x0011

        when:
        RunResult r = demo.apply(PATHS)

        then:
        r.steps*.status == [StepStatus.CHANGED]
        r.steps[0].diff == [
                '- 0000:00:01.0 ACSCtl 0011: SrcValid+ TransBlk- ReqRedir- CmpltRedir- UpstreamFwd+ EgressCtrl- ' +
                        'DirectTrans-',
                '+ 0000:00:01.0 ACSCtl 001d: SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- ' +
                        'DirectTrans-',
                '- 0000:00:02.0 ACSCtl 0000: SrcValid- TransBlk- ReqRedir- CmpltRedir- UpstreamFwd- EgressCtrl- ' +
                        'DirectTrans-',
                '+ 0000:00:02.0 ACSCtl 005d: SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- ' +
                        'DirectTrans+',
                "+ ${UNIT} (enabled) sets it at every boot".toString()]
        demo.state.pcie[RP1].acsCtl == 0x001d
        demo.state.pcie[RP2].acsCtl == 0x005d
        demo.state.files[UNIT].contains('# passthru: 0000:00:01.0 was=0011\n' +
                'ExecStart=/usr/bin/setpci -s 0000:00:01.0 ECAP_ACS+0x6.w=001d\n' +
                '# passthru: 0000:00:02.0 was=0000\nExecStart=/usr/bin/setpci -s 0000:00:02.0 ECAP_ACS+0x6.w=005d\n')
        demo.state.prep.enabledUnits == ['passthru-acs.service'] as Set

        when:
        int mark = demo.host.received.size()
        RunResult again = demo.apply(PATHS)

        then:
        again.steps*.status == [StepStatus.OK]
        writesSince(mark) == []
    }

    def "a reboot resets ACS control to the firmware's value; the unit sets it again and the check passes"() {
        given:
        demo.apply(PATHS)

        when:
        demo.reboot()
        RunResult after = demo.plan(PATHS)

        then:
        demo.state.boots == 2
        demo.state.pcie[RP1].acsCtl == 0x001d
        demo.state.pcie[RP2].acsCtl == 0x005d
        after.steps*.status == [StepStatus.OK]
    }

    def "without the unit enabled a reboot loses the values, and the next run says so"() {
        given:
        demo.apply(PATHS)
        demo.state.prep.enabledUnits.clear()

        when:
        demo.reboot()
        RunResult after = demo.plan(PATHS)

        then:
        demo.state.pcie[RP2].acsCtl == 0x0000
        after.steps*.status == [StepStatus.WOULD_CHANGE]
        after.steps[0].diff.last() == "+ ${UNIT} (enabled) sets it at every boot".toString()
    }

    def "noAcs gives each bridge its value from before passthru and removes the unit; again, it is in sync"() {
        given:
        demo.state.pcie[RP1].acsCtl = 0x0011
        demo.apply(PATHS)

        when:
        RunResult undo = demo.apply('noAcs()')

        then:
        undo.steps*.status == [StepStatus.CHANGED]
        demo.state.pcie[RP1].acsCtl == 0x0011
        demo.state.pcie[RP2].acsCtl == 0x0000
        !demo.state.files.containsKey(UNIT)
        demo.state.prep.enabledUnits.isEmpty()

        when:
        int mark = demo.host.received.size()
        RunResult again = demo.apply('noAcs()')

        then:
        again.steps*.status == [StepStatus.OK]
        writesSince(mark) == []
    }

    def "acs and noAcs are refused while a running VM has a device below those bridges"() {
        given:
        demo.runningVmWith(PrepDemo.GPU)

        when:
        RunResult r = demo.apply(PATHS)

        then:
        r.steps[0].status == StepStatus.FAILED
        r.steps[0].message == "VM 'router-kvm' (0000:06:00.0) is running with devices below the bridges: stop it " +
                'before changing ACS control above them'
        demo.state.pcie[RP2].acsCtl == 0x0000
        !demo.state.files.containsKey(UNIT)
    }

    def "on a host without libvirt (no virsh) acs asks about no VMs and sets the bridges"() {
        given:
        demo.state.tools.remove('virsh')

        when:
        RunResult r = demo.apply(PATHS)

        then:
        r.steps*.status == [StepStatus.CHANGED]
        demo.state.pcie[RP2].acsCtl == 0x005d
        demo.host.received.findAll { it.startsWith('virsh') } == []
    }

    def "preflight refuses a bridge without ACS and warns when the value leaves devices unisolated"() {
        when:
        RunResult none = demo.apply("acs { paths pci('0000:05:00.0') }")
        RunResult open = demo.plan("acs { paths pci('0000:06:00.0'); control 0x0040 }")

        then:
        none.steps.isEmpty()
        none.problems*.message == ['bridge 0000:00:03.0 (above 0000:05:00.0) has no ACS capability: acs { } cannot ' +
                                           'set it']
        none.problems[0].location.line == 2
        open.problems.isEmpty()
        open.warnings*.message == ['ACS control 0040 on 0000:00:02.0 leaves SrcValid ReqRedir CmpltRedir ' +
                'UpstreamFwd off: the devices below it (0000:06:00.0, 0000:06:00.1) are no longer isolated from each ' +
                'other, and would share an IOMMU group (Linux groups by these bits, drivers/pci/pci.c pci_acs_enabled)']
    }
}
