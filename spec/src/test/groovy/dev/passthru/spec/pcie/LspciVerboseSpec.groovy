package dev.passthru.spec.pcie

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.pcie.LspciVerbose
import dev.passthru.runtime.pcie.PcieDetails
import dev.passthru.runtime.pcie.PciePortType
import dev.passthru.spec.Repo
import spock.lang.Specification

/**
 * lspci -vvv -D read for the PCIe tree, over real outputs (spec/src/test/resources/real/lspci-vvv/README.md names
 * each source). Those posts were made without -D, so the domain lspci -D adds ({@code 0000:}) is put before each
 * device line; nothing else is changed.
 */
class LspciVerboseSpec extends Specification {
    static final File REAL = Repo.file('spec/src/test/resources/real/lspci-vvv')

    static String real(String name) { new File(REAL, name).text.replaceAll(/(?m)^([0-9a-f]{2}:[0-9a-f]{2}\.)/, '0000:$1') }

    static long G = 1024L * 1024 * 1024
    static long M = 1024L * 1024
    static long K = 1024L

    def "#file: #address"() {
        when:
        PcieDetails d = LspciVerbose.parse(real(file)).find { it.address == PciAddress.parse(address) }

        then:
        d.type == type
        d.linkSpeed == speed
        d.linkWidth == width
        d.barBytes == bars
        d.acsCap == acsCap
        d.acsCtl == acsCtl
        d.atsEnabled == ats

        where:
        file                          | address        || type                       | speed    | width | bars                  | acsCap | acsCtl | ats
        'connectx7-b1-00-1.out'       | '0000:b1:00.1' || PciePortType.ENDPOINT      | '32GT/s' | 16    | [32 * M]              | 0      | 0      | null
        'gh200-connectx7-excerpt.out' | '0000:17:00.0' || PciePortType.ENDPOINT      | '16GT/s' | 16    | [16 * M, 32 * G, 32 * M] | null | null   | null
        'gh200-connectx7-excerpt.out' | '0000:ca:00.0' || PciePortType.ENDPOINT      | '32GT/s' | 16    | [32 * M]              | null   | null   | null
        'gh200-connectx7-excerpt.out' | '0000:00:00.0' || null                       | null     | null  | []                    | null   | null   | null
        'amd-zen-root-port.out'       | '0000:00:03.1' || PciePortType.ROOT_PORT     | '8GT/s'  | 16    | []                    | 0x5f   | 0x1d   | null
        'amd-zen-root-port.out'       | '0000:00:04.0' || null                       | null     | null  | []                    | null   | null   | null
        'qemu-q35-lab.out'            | '0000:00:04.0' || PciePortType.ROOT_COMPLEX_ENDPOINT | null | null | [16 * K]            | null   | null   | null
        'qemu-q35-lab.out'            | '0000:00:03.0' || null                       | null     | null  | [128 * K]             | null   | null   | null
        'qemu-q35-lab.out'            | '0000:00:02.0' || null                       | null     | null  | [4 * K, 16 * K]       | null   | null   | null
        'qemu-q35-lab.out'            | '0000:00:01.0' || null                       | null     | null  | [16 * M, 4 * K]       | null   | null   | null
        'qemu-q35-numa-switches.out'  | '0000:20:00.0' || PciePortType.ROOT_PORT     | '16GT/s' | 32    | [4 * K]               | 0x5f   | 0x1d   | null
        'qemu-q35-numa-switches.out'  | '0000:41:00.0' || PciePortType.UPSTREAM_PORT | '2.5GT/s' | 1    | []                    | null   | null   | null
        'qemu-q35-numa-switches.out'  | '0000:42:01.0' || PciePortType.DOWNSTREAM_PORT | 'unknown' | 0  | []                    | null   | null   | null
        'qemu-q35-numa-switches.out'  | '0000:23:00.0' || PciePortType.ENDPOINT      | '2.5GT/s' | 1     | [128 * K, 128 * K, 16 * K] | null | null | null
        'qemu-q35-numa-switches.out'  | '0000:44:00.0' || PciePortType.ENDPOINT      | '2.5GT/s' | 1     | [16 * K]              | null   | null   | null
        'qemu-q35-numa-switches.out'  | '0000:00:10.0' || null                       | null     | null  | []                    | null   | null   | null
    }

    def "the lab's real output: every device, in lspci's order"() {
        expect:
        LspciVerbose.parse(real('qemu-q35-lab.out'))*.address*.toString() ==
                ['0000:00:00.0', '0000:00:01.0', '0000:00:02.0', '0000:00:03.0', '0000:00:04.0', '0000:00:05.0',
                 '0000:00:1f.0', '0000:00:1f.2', '0000:00:1f.3']
    }

    def "the topology variant's real output: expander bridges, ports and endpoints on buses 0x20 and 0x40, in lspci's order"() {
        expect:
        LspciVerbose.parse(real('qemu-q35-numa-switches.out'))*.address*.toString() ==
                ['0000:00:00.0', '0000:00:01.0', '0000:00:02.0', '0000:00:05.0', '0000:00:10.0', '0000:00:11.0',
                 '0000:00:1f.0', '0000:00:1f.2', '0000:00:1f.3'] +
                [0x20, 0x40].collectMany { int b ->
                    [[b, 0], [b + 1, 0], [b + 2, 0], [b + 2, 1], [b + 3, 0], [b + 4, 0]].collect { String.format('0000:%02x:%02x.0', it[0], it[1]) }
                }
    }

    def "memory BARs as a twin writes them, from the lab's real Region lines: #address"() {
        expect:
        LspciVerbose.barWords(real('qemu-q35-lab.out'))[PciAddress.parse(address)] == words

        where:
        address        || words
        '0000:00:01.0' || ['16M prefetchable', '4K']
        '0000:00:02.0' || ['4K', '16K 64-bit prefetchable']
        '0000:00:04.0' || ['16K 64-bit']
        '0000:00:03.0' || ['128K']
        '0000:00:1f.0' || []
    }

    def "every device of an output is read, in lspci's order"() {
        expect:
        LspciVerbose.parse(real('gh200-connectx7-excerpt.out'))*.address*.toString() ==
                ['0000:00:00.0', '0000:17:00.0', '0000:ca:00.0']
    }

    def "ATSCtl Enable+ and Enable- (ls-ecaps.c cap_ats)"() {
        given:
        String on = '0000:c1:00.0 Display controller: Advanced Micro Devices, Inc. [AMD/ATI] Device\n' +
                new File(REAL, 'ats-enabled-excerpt.txt').text
        String off = on.replace('Enable+, Smallest', 'Enable-, Smallest')

        expect:
        LspciVerbose.parse(on)[0].atsEnabled
        LspciVerbose.parse(off)[0].atsEnabled == false
    }

    def "the Express line as lspci prints it, old and new (MSI 00 / IntMsgNum 0), with and without Slot: #line"() {
        expect:
        LspciVerbose.parse("0000:01:00.0 PCI bridge: X\n${line}\n")[0].type == type

        where:
        line                                                                || type
        '\tCapabilities: [58] Express (v2) Root Port (Slot+), MSI 00'       || PciePortType.ROOT_PORT
        '\tCapabilities: [c0] Express (v2) Downstream Port (Slot+), IntMsgNum 0' || PciePortType.DOWNSTREAM_PORT
        '\tCapabilities: [68] Express (v2) Downstream Port (Slot-), MSI 00' || PciePortType.DOWNSTREAM_PORT
        '\tCapabilities: [68] Express (v2) Upstream Port, MSI 00'           || PciePortType.UPSTREAM_PORT
        '\tCapabilities: [60] Express (v2) Legacy Endpoint, MSI 00'         || PciePortType.LEGACY_ENDPOINT
    }

    def "sizes as show_size prints them: #size"() {
        expect:
        LspciVerbose.bytes(n, unit) == bytes

        where:
        n     | unit || bytes
        '256' | 'G'  || 256L * 1024 * 1024 * 1024
        '32'  | 'M'  || 32L * 1024 * 1024
        '4'   | 'K'  || 4096L
        '2'   | 'T'  || 2L * 1024 * 1024 * 1024 * 1024
        '24'  | ''   || 24L
        size = n + unit
    }

    def "output it cannot read is refused: #what"() {
        when:
        LspciVerbose.parse(text)

        then:
        thrown(OutputFormatException)

        where:
        what                       | text
        'an indented line first'   | '\tRegion 0: Memory at dc000000 (64-bit, prefetchable) [size=32M]\n'
        'a device line without -D' | 'b1:00.1 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]\n'
        'an ACS word it does not know' | '0000:00:01.0 PCI bridge: X\n\t\tACSCtl:\tSrcValid+ Bogus-\n'
    }

    def "no device: empty output"() {
        expect:
        LspciVerbose.parse('') == []
    }
}
