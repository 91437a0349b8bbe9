package dev.passthru.spec.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.hostprep.AtsRecord
import spock.lang.Specification

/** The ATS record's text (/var/lib/passthru/ats-was): written, read back, kept values, and hand edits refused. */
class AtsRecordSpec extends Specification {
    static final PciAddress A = PciAddress.parse('0000:18:00.0')
    static final PciAddress B = PciAddress.parse('0000:3b:00.0')

    def "a record reads back as written, in address order; the first value kept wins"() {
        when:
        AtsRecord r = new AtsRecord([:]).with(B, 'False(0)').with(A, 'False(0)').with(A, 'True(1)')

        then:
        r.text().readLines().drop(1) == ['0000:18:00.0 ATS_ENABLED False(0)', '0000:3b:00.0 ATS_ENABLED False(0)']
        AtsRecord.parse(r.text()).was == r.was
        r.without([A]).was == [(B): 'False(0)']
        AtsRecord.parse(null).was.isEmpty()
    }

    def "a line passthru did not write is refused: #line"() {
        when:
        AtsRecord.parse("# header\n${line}\n")

        then:
        OutputFormatException e = thrown()
        e.message == "/var/lib/passthru/ats-was: cannot read '${line}' (BDF ATS_ENABLED True(1)|False(0); edited by " +
                'hand?)'

        where:
        line << ['0000:18:00.0 ATS_ENABLED false', '0000:18:00.0 False(0)', '0000:18:00.0 SRIOV_EN False(0)']
    }
}
