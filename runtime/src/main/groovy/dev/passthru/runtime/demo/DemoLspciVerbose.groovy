package dev.passthru.runtime.demo

import dev.passthru.dsl.PciAddress
import groovy.transform.CompileStatic

/**
 * How {@code lspci -vvv -D} (pciutils 3.9, Debian 12's) prints a function, reduced to the lines a PCIe tree is read
 * from, each byte for byte as pciutils prints it:
 * <ul>
 * <li>the device line (lspci.c show_terse without -nn: the slot {@code %04x:%02x:%02x.%d}, the class and device names,
 *   {@code (rev %02x)}, and with -v {@code (prog-if %02x [NAME])} when the class has a programming interface name);</li>
 * <li>{@code \tSubsystem: NAME} (names only, as without -nn);</li>
 * <li>{@code \tRegion N: Memory at %08x (64-bit, prefetchable) [size=256G]} per memory BAR (show_bases, show_size; a
 *   64-bit BAR takes two region numbers; addresses are made up, aligned to the size);</li>
 * <li>the Express capability {@code \tCapabilities: [60] Express (v2) Endpoint, MSI 00} (ls-caps.c cap_express;
 *   root and downstream ports add {@code (Slot+)}), its {@code \t\tLnkCap:\tPort #0, Speed S, Width xW, ASPM not
 *   supported} and {@code \t\tLnkSta:\tSpeed S, Width xW} (link_compare adds {@code (ok)} except on root and
 *   downstream ports);</li>
 * <li>the ACS block {@code \tCapabilities: [2a0 v1] Access Control Services} with {@code \t\tACSCap:\t} and
 *   {@code \t\tACSCtl:\t} and the seven bits (ls-ecaps.c cap_acs), and the ATS block
 *   {@code \tCapabilities: [2b0 v1] Address Translation Service (ATS)}, {@code \t\tATSCap:\tInvalidate Queue Depth:
 *   00}, {@code \t\tATSCtl:\tEnable+, Smallest Translation Unit: 00} (cap_ats);</li>
 * <li>{@code \tKernel driver in use: D} and {@code \tKernel modules: a, b} (ls-kernel.c), then a blank line.</li>
 * </ul>
 * Left out, because nothing passthru reads depends on them: Control, Status, Latency, Interrupt, NUMA node, IOMMU
 * group, the bridge windows, the other capabilities and the capability lines other than LnkCap/LnkSta.
 */
@CompileStatic
final class DemoLspciVerbose {
    private DemoLspciVerbose() {}

    /** pci.ids programming-interface names of the classes the demo hosts have, as -v prints them. */
    static final Map<String, String> PROG_IF = ['0604': ' (prog-if 00 [Normal decode])',
            '0300': ' (prog-if 00 [VGA controller])', '0106': ' (prog-if 01 [AHCI 1.0])',
            '0108': ' (prog-if 02 [NVM Express])', '0c03': ' (prog-if 20 [EHCI])'].asImmutable()
    /** lspci's bit names, bit 0 first (ls-ecaps.c cap_acs prints them in this order). */
    static final List<String> ACS = ['SrcValid', 'TransBlk', 'ReqRedir', 'CmpltRedir', 'UpstreamFwd', 'EgressCtrl',
                                     'DirectTrans'].asImmutable()

    /** Every function of {@code s} in address order, as lspci -vvv -D lists them. */
    static String render(DemoKvmState s) {
        Allocator mmio = new Allocator()
        s.pci.sort(false) { DemoKvmState.Pci p -> DemoLspci.slot(p.address) }.collect { DemoKvmState.Pci p ->
            block(p, s.pcie[p.address] ?: new DemoPcie(), s.bound[p.address], mmio) + '\n'
        }.join('')
    }

    private static String block(DemoKvmState.Pci p, DemoPcie t, String driver, Allocator mmio) {
        String cls = p.line.find(/\[([0-9a-f]{4})\]:/) { String all, String c -> c }
        StringBuilder b = new StringBuilder(DemoLspci.slot(p.address)).append(' ')
        b << names(p.line) << (PROG_IF[cls] ?: '') << '\n'
        if (p.subsystem) b << '\tSubsystem: ' << withoutIds(p.subsystem) << '\n'
        int region = 0
        t.bars.each { String bar ->
            List<String> w = bar.split(' ').toList()
            boolean wide = w.contains('64-bit')
            long size = bytes(w[0])
            b << "\tRegion ${region}: Memory at ${String.format('%08x', mmio.next(size, wide))} " +
                    "(${wide ? '64' : '32'}-bit, ${w.contains('prefetchable') ? '' : 'non-'}prefetchable) " +
                    "[size=${w[0]}]\n"
            region += wide ? 2 : 1
        }
        if (t.portType) {
            boolean port = t.portType in ['Root Port', 'Downstream Port']
            b << "\tCapabilities: [60] Express (v2) ${t.portType}${port ? ' (Slot+)' : ''}, MSI 00\n"
            if (t.link) {
                String speed = t.link.split(' ')[0]
                String width = t.link.split(' ')[1]
                String ok = port ? '' : ' (ok)'
                b << "\t\tLnkCap:\tPort #0, Speed ${speed}, Width ${width}, ASPM not supported\n"
                b << "\t\tLnkSta:\tSpeed ${speed}${ok}, Width ${width}${ok}\n"
            }
        }
        if (t.acsCap != null) {
            b << '\tCapabilities: [2a0 v1] Access Control Services\n'
            b << "\t\tACSCap:\t${bits(t.acsCap)}\n\t\tACSCtl:\t${bits(t.acsCtl ?: 0)}\n"
        }
        if (t.ats != null) {
            b << '\tCapabilities: [2b0 v1] Address Translation Service (ATS)\n'
            b << "\t\tATSCap:\tInvalidate Queue Depth: 00\n\t\tATSCtl:\tEnable${t.ats ? '+' : '-'}, " +
                    'Smallest Translation Unit: 00\n'
        }
        if (driver) b << '\tKernel driver in use: ' << driver << '\n'
        if (p.modules) b << '\tKernel modules: ' << p.modules.join(', ') << '\n'
        b.toString()
    }

    /**
     * The -nn line without its numbers: {@code 3D controller: NVIDIA Corporation GH100 [H200 SXM 141GB] (rev a1)}; a
     * device pci.ids does not name, {@code Device [8086:352a]} with -nn, is {@code Device 352a} without it.
     */
    static String names(String line) {
        withoutIds(line.replaceFirst(/ \[[0-9a-f]{4}\]:/, ':'))
    }

    /** A name with its {@code [vvvv:dddd]} taken off as lspci prints it without -nn (a subsystem line too). */
    static String withoutIds(String text) {
        text.replaceFirst(/Device \[[0-9a-f]{4}:([0-9a-f]{4})\]/, 'Device $1')
                .replaceFirst(/ \[[0-9a-f]{4}:[0-9a-f]{4}\]( \(rev [0-9a-f]{2}\))?$/, '$1')
    }

    private static String bits(int v) { (0..6).collect { int i -> ACS[i] + ((v >> i) & 1 ? '+' : '-') }.join(' ') }

    /** A size as the twin writes it ({@code 256G}, {@code 16M}, {@code 4K}), in bytes. */
    static long bytes(String size) {
        int unit = ['K', 'M', 'G', 'T'].indexOf(size[-1]) + 1
        long n = Long.parseLong(unit == 0 ? size : size[0..-2])
        for (int i = 0; i < unit; i++) n *= 1024L
        n
    }

    /** Made-up BAR addresses: 32-bit ones from 0xc0000000, 64-bit ones from 0x200000000000, each size-aligned. */
    private static final class Allocator {
        long low = 0xc0000000L
        long high = 0x200000000000L

        long next(long size, boolean wide) {
            long at = wide ? high : low
            at = ((at + size - 1L).intdiv(size) as long) * size
            if (wide) high = at + size else low = at + size
            at
        }
    }
}
