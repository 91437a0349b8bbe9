package dev.passthru.spec.dsl

import dev.passthru.dsl.PciAddress
import spock.lang.Specification

class PciAddressSpec extends Specification {

    def "parses #text as #expected"() {
        expect:
        PciAddress.parse(text).toString() == expected

        where:
        text              || expected
        '0000:04:01.0'    || '0000:04:01.0'
        '04:01.0'         || '0000:04:01.0'
        '0001:81:00.1'    || '0001:81:00.1'
        'ffff:ff:1f.7'    || 'ffff:ff:1f.7'
        '0000:0A:1F.7'    || '0000:0a:1f.7'
        ' 06:00.0 '       || '0000:06:00.0'
        '4:1.0'           || '0000:04:01.0'
    }

    def "refuses #text because #why"() {
        when:
        PciAddress.parse(text)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(why)

        where:
        text              || why
        '04:01'           || "malformed PCI address '04:01'"
        '10000:04:01.0'   || 'malformed'
        '0000:100:01.0'   || 'malformed'
        '0000:04:20.0'    || 'slot 0x20 is above 0x1f'
        '0000:04:01.8'    || 'function 8 is above 7'
        '0000:04:01.a'    || 'function a is above 7'
        'zz:01.0'         || 'malformed'
        ''                || 'malformed'
    }

    def "orders and compares by address"() {
        expect:
        PciAddress.parse('04:01.0') == PciAddress.parse('0000:04:01.0')
        [PciAddress.parse('81:00.0'), PciAddress.parse('04:01.0')].sort()*.toString() == ['0000:04:01.0', '0000:81:00.0']
    }
}
