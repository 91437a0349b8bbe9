package dev.passthru.spec.hostprep

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.hostprep.PrepOutput
import spock.lang.Specification

/** The pure readers of setpci, systemctl is-enabled, sysfs counts and mlxconfig's query, over real outputs. */
class PrepOutputSpec extends Specification {
    // NVIDIA MFT documentation v4.28, "Examples of mlxconfig Usage" (docs.nvidia.com/networking/display/mftv4280/
    // examples+of+mlxconfig+usage): the plain query (Next Boot) and --enable_verbosity (Default, Current, Next Boot,
    // '*' on changed rows), with this parameter's row in their layout
    static final String QUERY_OFF = '''
Device #1:
----------

Device type:    ConnectX7
Name:           MCX755106AS-HEA_Ax
Description:    NVIDIA ConnectX-7 HHHL Adapter Card; 200GbE (default mode) / NDR200 IB; Dual-port QSFP112
Device:         0000:18:00.0

Configurations:                              Next Boot
         ATS_ENABLED                         False(0)
'''
    static final String QUERY_VERBOSE = '''
Device #1:
----------

Device type:    ConnectX7
PCI device:     0000:18:00.0

Configurations:                              Default         Current         Next Boot
*        ATS_ENABLED                         False(0)        False(0)        True(1)
'''

    def "setpci prints a word as %04x: #out"() {
        expect:
        PrepOutput.setpciWord(out) == value

        where:
        out      || value
        '005d\n' || 0x005d
        '0000\n' || 0
        '001f\n' || 0x001f
    }

    def "a setpci answer that is not a word is refused: '#out'"() {
        when:
        PrepOutput.setpciWord(out)

        then:
        thrown(OutputFormatException)

        where:
        out << ['', '5d\n', 'ffff ffff\n', 'setpci: 0000:00:1f.0: Instance #0 of Extended capability 000d not found']
    }

    def "systemctl is-enabled: only 'enabled' starts at boot (#out)"() {
        expect:
        PrepOutput.enabled(out) == on

        where:
        out             || on
        'enabled\n'     || true
        'disabled\n'    || false
        'static\n'      || false
        'masked\n'      || false
        'linked\n'      || false
    }

    def "mlxconfig's ATS_ENABLED row gives the next boot's value"() {
        expect:
        !PrepOutput.atsNextBoot(QUERY_OFF)
        PrepOutput.atsNextBoot(QUERY_OFF.replace('False(0)', 'True(1)'))
        PrepOutput.atsNextBoot(QUERY_VERBOSE)
    }

    def "mlxconfig's next-boot ATS_ENABLED as it prints it, the value noAts gives back: #expected"() {
        expect:
        PrepOutput.atsSetting(text) == expected
        PrepOutput.atsOn(expected) == on

        where:
        text                                           || expected   | on
        QUERY_OFF                                      || 'False(0)' | false
        QUERY_OFF.replace('False(0)', 'True(1)')       || 'True(1)'  | true
        QUERY_VERBOSE                                  || 'True(1)'  | true
    }

    def "mlxconfig output without the ATS_ENABLED row, or with another value, is refused"() {
        when:
        PrepOutput.atsNextBoot(text)

        then:
        OutputFormatException e = thrown()
        e.message.startsWith(start)

        where:
        text                                           || start
        QUERY_OFF.replace('ATS_ENABLED', 'SRIOV_EN')   || 'mlxconfig printed no ATS_ENABLED row'
        QUERY_OFF.replace('False(0)', 'N/A')           || "mlxconfig: cannot read ATS_ENABLED's value 'N/A'"
    }

    def "a sysfs count"() {
        expect:
        PrepOutput.count('6200\n') == 6200L

        when:
        PrepOutput.count('cat: no\n')

        then:
        thrown(OutputFormatException)
    }
}
