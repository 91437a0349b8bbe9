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
        '10000:e0:17.0'   || '10000:e0:17.0'  // Intel VMD: lspci prints the domain with %04x (pciutils lspci.c)
        '7fffffff:00:00.0'|| '7fffffff:00:00.0'
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
        '123456789:04:01.0' || 'malformed'
        '80000000:04:01.0'  || 'domain 0x80000000 is above 0x7fffffff'
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
        [PciAddress.parse('10000:00:00.0'), PciAddress.parse('ffff:01:00.0')].sort()*.toString() ==
                ['ffff:01:00.0', '10000:00:00.0']  // by number, as lspci sorts (lspci.c compare_them)
    }
}
