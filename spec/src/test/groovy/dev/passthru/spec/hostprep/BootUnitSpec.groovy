package dev.passthru.spec.hostprep

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.hostprep.BootUnit
import dev.passthru.runtime.hostprep.UnitLine
import spock.lang.Specification

/** The boot-time unit both the hugepages and the ACS steps persist through: its text, and reading it back. */
class BootUnitSpec extends Specification {
    static final UnitLine A = new UnitLine('0000:00:02.0', '/usr/bin/setpci -s 0000:00:02.0 ECAP_ACS+0x6.w=005d',
            '0000')
    static final UnitLine B = new UnitLine('0000:00:01.0', '/usr/bin/setpci -s 0000:00:01.0 ECAP_ACS+0x6.w=001d',
            '0011')

    def "a oneshot unit run early at every boot, one ExecStart per line in key order, each named by its key"() {
        expect:
        new BootUnit('passthru-acs.service', 'ACS control on PCIe bridges', [A, B]).text() == '''\
# Written by passthru: ACS control on PCIe bridges, at every boot. passthru changes and removes it; do not edit.
[Unit]
Description=passthru: ACS control on PCIe bridges
DefaultDependencies=no
After=local-fs.target
Before=sysinit.target libvirtd.service

[Service]
Type=oneshot
RemainAfterExit=yes
# passthru: 0000:00:01.0 was=0011
ExecStart=/usr/bin/setpci -s 0000:00:01.0 ECAP_ACS+0x6.w=001d
# passthru: 0000:00:02.0 was=0000
ExecStart=/usr/bin/setpci -s 0000:00:02.0 ECAP_ACS+0x6.w=005d

[Install]
WantedBy=sysinit.target
'''
    }

    def "its text reads back into the same lines; with and without replace and drop one line by key"() {
        given:
        BootUnit u = new BootUnit('passthru-acs.service', 'ACS', [A])

        when:
        BootUnit back = BootUnit.parse(u.name, 'ACS', u.with(B).text())

        then:
        back.lines == [B, A]
        back.without('0000:00:01.0').lines == [A]
        back.with(new UnitLine(A.key, 'x', null)).line(A.key).exec == 'x'
        BootUnit.parse('passthru-acs.service', 'ACS', null) == null
    }

    def "a unit whose passthru mark lost its ExecStart (edited by hand) is refused"() {
        when:
        BootUnit.parse('passthru-acs.service', 'ACS', '# passthru: 0000:00:01.0 was=0011\n\n[Install]\n')

        then:
        OutputFormatException e = thrown()
        e.message == "/etc/systemd/system/passthru-acs.service: '# passthru: 0000:00:01.0 was=0011' is not followed " +
                'by ExecStart= (edited by hand? remove the file and run again)'
    }
}
