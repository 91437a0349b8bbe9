package dev.passthru.spec.pcie

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.spec.Repo
import spock.lang.Shared
import spock.lang.Specification

/**
 * The HGX demo's {@code lspci -vvv -D} against real recordings (spec/src/test/resources/real/lspci-vvv): every line the
 * simulator prints has the shape of a line real lspci printed (numbers, hex and names aside), in the same
 * indentation with the same tabs, and each device block has the device line, the capabilities and the kernel lines in
 * lspci's order, ending in a blank line.
 */
class DemoLspciVerboseFidelitySpec extends Specification {
    static final File REAL = Repo.file('spec/src/test/resources/real/lspci-vvv')

    @Shared
    String demo = DemoHgx.host().run('lspci -vvv -D').stdout

    @Shared
    Set<String> real = REAL.listFiles().findAll { it.name != 'README.md' }
            .collectMany { it.readLines() }.findAll { it.startsWith('\t') }.collect { shape(it) } as Set

    /** A line with what varies between devices taken out: hex and decimal numbers, sizes, names after the label. */
    static String shape(String line) {
        if (line.startsWith('\tSubsystem: ')) return '\tSubsystem: NAME'
        if (line.startsWith('\tKernel driver in use: ')) return '\tKernel driver in use: NAME'
        if (line.startsWith('\tKernel modules: ')) return '\tKernel modules: NAMES'
        line.replaceAll(/\[size=\d+[KMGT]?\]/, '[size=S]').replaceAll(/Speed [0-9.]+GT\/s/, 'Speed S')
                .replaceAll(/Width x\d+/, 'Width W').replaceAll(/[+-]/, '±').replaceAll(/\b[0-9a-f]{2,16}\b/, 'H')
                .replaceAll(/\b\d+\b/, 'N').replaceAll(/ \(Slot±\)/, ' (Slot±)')
                .replaceAll(/Express \(v\d\) (Root Port|Downstream Port|Upstream Port|Legacy Endpoint|Endpoint)/,
                        'Express (vN) TYPE').replaceAll(/, (MSI H|IntMsgNum N)$/, ', MSI')
                .replaceAll(/ASPM .*$/, 'ASPM ...').replaceAll(/Exit Latency.*$/, '')
    }

    def "every indented line the demo prints has the shape of a real one: #line"() {
        expect:
        shape(line) in real

        where:
        line << DemoHgx.host().run('lspci -vvv -D').stdout.readLines().findAll { it.startsWith('\t') }.unique()
    }

    def "device lines are lspci -D's: the slot, the class and names, no ids; bridges with their prog-if"() {
        given:
        List<String> heads = demo.readLines().findAll { it && !it.startsWith('\t') }

        expect:
        heads.every { it ==~ /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] [^\[]+?: .+/ }
        heads.contains('0000:18:00.0 3D controller: NVIDIA Corporation GH100 [H200 SXM 141GB] (rev a1)')
        heads.contains('0000:19:00.0 Infiniband controller: Mellanox Technologies MT2910 Family [ConnectX-7]')
        heads.contains('0000:16:00.0 PCI bridge: Broadcom / LSI PEX890xx PCIe Gen 5 Switch (rev b0) ' +
                '(prog-if 00 [Normal decode])')
        heads.contains('0000:15:01.0 PCI bridge: Intel Corporation Device 352a (rev 04) (prog-if 00 [Normal decode])')
    }

    def "a block as lspci orders it: Subsystem, Regions, Express with its link, ACS, ATS, kernel lines, a blank line"() {
        given:
        String nic = demo.substring(demo.indexOf('0000:19:00.0 '), demo.indexOf('0000:26:01.0 '))

        expect:
        nic == '''0000:19:00.0 Infiniband controller: Mellanox Technologies MT2910 Family [ConnectX-7]
\tSubsystem: Mellanox Technologies Device 0051
\tRegion 0: Memory at 208002000000 (64-bit, prefetchable) [size=32M]
\tCapabilities: [60] Express (v2) Endpoint, MSI 00
\t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ASPM not supported
\t\tLnkSta:\tSpeed 32GT/s (ok), Width x16 (ok)
\tCapabilities: [2a0 v1] Access Control Services
\t\tACSCap:\tSrcValid- TransBlk- ReqRedir- CmpltRedir- UpstreamFwd- EgressCtrl- DirectTrans-
\t\tACSCtl:\tSrcValid- TransBlk- ReqRedir- CmpltRedir- UpstreamFwd- EgressCtrl- DirectTrans-
\tCapabilities: [2b0 v1] Address Translation Service (ATS)
\t\tATSCap:\tInvalidate Queue Depth: 00
\t\tATSCtl:\tEnable-, Smallest Translation Unit: 00
\tKernel driver in use: mlx5_core
\tKernel modules: mlx5_core

'''
    }
}
