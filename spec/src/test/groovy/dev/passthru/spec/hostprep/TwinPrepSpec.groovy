package dev.passthru.spec.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.twin.TwinFile
import spock.lang.Specification

/** The twin's optional prep map, and what the demo answers from it in the real tools' formats. */
class TwinPrepSpec extends Specification {
    def "prep is written to and read from the twin file; a twin without it has none"() {
        given:
        PrepDemo demo = new PrepDemo()
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'
        demo.state.prep.enabledUnits << 'passthru-acs.service'
        demo.state.prep.hugepageRoomKib[1] = 4096L
        demo.host.run('setpci -s 0000:00:01.0 ECAP_ACS+0x6.w=001d')
        demo.host.run('mlxconfig -d 0000:07:00.0 -y set ATS_ENABLED=true')

        when:
        DemoKvmHost again = (DemoKvmHost) TwinFile.read(TwinFile.write(demo.host), 'x.yaml')

        then:
        again.state.pcie[PrepDemo.RP1].acsCtl == 0x001d
        again.state.prep.acsBoot == [(PrepDemo.RP1): 0]
        again.state.prep.nics[PrepDemo.NIC].atsNextBoot
        again.state.prep.enabledUnits == ['passthru-acs.service'] as Set
        again.state.prep.hugepageRoomKib == [1: 4096L]
        DemoKvmState.standard().prep.empty
        !TwinFile.write(new DemoKvmHost()).contains('prep:')
    }

    def "setpci: a read prints %04x, a write is silent, a function without ACS fails as pciutils does"() {
        given:
        DemoKvmHost host = new PrepDemo().host

        expect:
        host.run('setpci -s 0000:00:02.0 ECAP_ACS+0x6.w=005d').with { [exit, stdout, stderr] } == [0, '', '']
        host.run('setpci -s 0000:00:02.0 ECAP_ACS+0x6.w').stdout == '005d\n'
        host.run('setpci -s 0000:00:1f.0 ECAP_ACS+0x6.w').with { [exit, stdout, stderr] } == [1, '',
                'setpci: 0000:00:1f.0: Instance #0 of Extended capability 000d not found - there are no capabilities ' +
                        'with that id.\n']
    }

    def "mlxconfig answers the query in MFT's layout and sets the value for the next boot only"() {
        given:
        PrepDemo demo = new PrepDemo()
        demo.state.tools['mlxconfig'] = '/usr/bin/mlxconfig'

        when:
        String before = demo.host.run('mlxconfig -d 0000:07:00.0 q ATS_ENABLED').stdout
        String set = demo.host.run('mlxconfig -d 0000:07:00.0 -y set ATS_ENABLED=true').stdout

        then:
        before.endsWith('Configurations:                                     Next Boot\n' +
                '        ATS_ENABLED                                 False(0)\n')
        set.endsWith('        ATS_ENABLED                                 False(0)        True(1)\n\n' +
                ' Apply new Configuration? (y/n) [n] : y\nApplying... Done!\n' +
                '-I- Please reboot machine to load new configurations.\n')
        !demo.state.pcie[PciAddress.parse('0000:07:00.0')].ats
        new PrepDemo().host.run('mlxconfig -d 0000:07:00.0 q ATS_ENABLED').with { [exit, stderr] } ==
                [127, 'bash: mlxconfig: command not found\n']
    }

    def "systemctl: enable prints the link it creates, is-enabled says, a unit it lacks fails as systemd does"() {
        given:
        PrepDemo demo = new PrepDemo()
        demo.state.files['/etc/systemd/system/x.service'] = '[Service]\nType=oneshot\n' +
                'ExecStart=/usr/bin/setpci -s 0000:00:02.0 ECAP_ACS+0x6.w=001d\n[Install]\nWantedBy=sysinit.target\n'

        expect:
        demo.host.run('systemctl is-enabled x.service').with { [exit, stdout] } == [1, 'disabled\n']
        demo.host.run('systemctl enable x.service').stderr ==
                'Created symlink /etc/systemd/system/sysinit.target.wants/x.service → ' +
                '/etc/systemd/system/x.service.\n'
        demo.host.run('systemctl is-enabled x.service').with { [exit, stdout] } == [0, 'enabled\n']
        demo.host.run('systemctl restart x.service').exit == 0
        demo.state.pcie[PrepDemo.RP2].acsCtl == 0x001d
        demo.host.run('systemctl is-enabled y.service').with { [exit, stderr] } ==
                [1, 'Failed to get unit file state for y.service: No such file or directory\n']
        demo.host.run('systemctl restart y.service').with { [exit, stderr] } ==
                [5, 'Failed to restart y.service: Unit y.service not found.\n']
    }
}
