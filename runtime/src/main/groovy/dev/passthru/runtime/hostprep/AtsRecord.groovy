package dev.passthru.runtime.hostprep

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

/**
 * What {@code ats ..., enable: true} changed, kept on the host so noAts works from any machine: per NIC, the
 * ATS_ENABLED value mlxconfig's query showed before passthru set it, one {@code BDF ATS_ENABLED VALUE} line each
 * (VALUE as mlxconfig prints it, {@code False(0)}). Pure: text in, text out.
 */
@CompileStatic
final class AtsRecord {
    static final String DIR = '/var/lib/passthru'
    static final String PATH = "${DIR}/ats-was"
    private static final String HEADER = '# Written by passthru: the firmware ATS_ENABLED each NIC had before ' +
            'ats ..., enable: true set it (mlxconfig query); noAts gives it back. Do not edit.'

    /** NIC to its value before passthru, as mlxconfig printed it. */
    final Map<PciAddress, String> was

    AtsRecord(Map<PciAddress, String> was) {
        this.was = Collections.unmodifiableMap(new TreeMap<PciAddress, String>(was))
    }

    /** This record with {@code nic}'s old value (a value already kept wins: it is the one from before passthru). */
    AtsRecord with(PciAddress nic, String value) {
        Map<PciAddress, String> more = new TreeMap<PciAddress, String>(was)
        more.putIfAbsent(nic, value)
        new AtsRecord(more)
    }

    AtsRecord without(Collection<PciAddress> nics) {
        Map<PciAddress, String> fewer = new TreeMap<PciAddress, String>(was)
        nics.each { PciAddress a -> fewer.remove(a) }
        new AtsRecord(fewer)
    }

    /** Of {@code nics}, the ones whose ATS passthru changed (this record names them), in their order. */
    List<PciAddress> recorded(Collection<PciAddress> nics) {
        nics.findAll { PciAddress a -> was.containsKey(a) } as List<PciAddress>
    }

    /** The mlxconfig command that gives {@code nic} its recorded ATS_ENABLED back (for the next boot). */
    String restore(PciAddress nic) { PrepCommands.setAts(nic, PrepOutput.atsOn(was[nic])) }

    String text() {
        ([HEADER] + was.collect { PciAddress a, String v -> "${a} ATS_ENABLED ${v}".toString() }).join('\n') + '\n'
    }

    /** The record {@code text} holds (null text: an empty record). */
    static AtsRecord parse(String text) {
        Map<PciAddress, String> was = new TreeMap<PciAddress, String>()
        (text ?: '').readLines()*.trim().findAll { String l -> l && !l.startsWith('#') }.each { String l ->
            String[] w = l.split(/\s+/)
            if (w.length != 3 || w[1] != 'ATS_ENABLED' || !(w[2] in [PrepOutput.ATS_TRUE, PrepOutput.ATS_FALSE])) {
                throw new OutputFormatException("${PATH}: cannot read '${l}' (BDF ATS_ENABLED True(1)|False(0); " +
                        'edited by hand?)')
            }
            was[PciAddress.parse(w[0])] = w[2]
        }
        new AtsRecord(was)
    }
}
