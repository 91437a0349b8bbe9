package dev.passthru.runtime.pcie

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Pure parser of {@code lspci -vvv -D} (pciutils): each function's block starts with its slot at column 0
 * (lspci.c show_slot_name, {@code %04x:%02x:%02x.%d}); inside it, what the PCIe tree needs:
 * {@code \tRegion N: Memory at ... [size=256G]} (lspci.c show_bases and show_size), the Express capability line
 * {@code \tCapabilities: [60] Express (v2) Endpoint, MSI 00} (ls-caps.c cap_express; newer pciutils print
 * {@code IntMsgNum 0}), {@code \t\tLnkCap:\tPort #0, Speed 32GT/s, Width x16, ...}, and the extended capabilities
 * {@code \t\tACSCap:\tSrcValid+ TransBlk+ ...}, {@code \t\tACSCtl:\t...} and
 * {@code \t\tATSCtl:\tEnable+, Smallest Translation Unit: 00} (ls-ecaps.c cap_acs, cap_ats). Every other line is
 * skipped. Indentation is read loosely (spaces or tabs), as copies of lspci's output often have spaces.
 */
@CompileStatic
final class LspciVerbose {
    private LspciVerbose() {}

    private static final Pattern HEADER = ~/^(${PciAddress.PRINTED}) \S.*$/
    private static final Pattern REGION = ~/^\s+Region \d+: Memory at .*\[size=(\d+)([KMGT]?)\]\s*$/
    private static final Pattern EXPRESS =
            ~/^\s+Capabilities: \[[0-9a-f]+\] Express \(v\d\) (.+?)(?: \(Slot[+-]\))?, (?:MSI \S+|IntMsgNum \d+)\s*$/
    private static final Pattern LNKCAP = ~/^\s+LnkCap:\s+Port #\d+, Speed ([0-9.]+GT\/s|unknown), Width x(\d+).*$/
    private static final Pattern ACS = ~/^\s+ACS(Cap|Ctl):\s+(.*)$/
    private static final Pattern ATSCTL = ~/^\s+ATSCtl:\s+Enable([+-]),.*$/
    private static final Pattern ACS_BIT = ~/^(\w+)([+-])$/
    private static final List<String> UNITS = ['', 'K', 'M', 'G', 'T']

    /** Every function's details, in lspci's order; empty output is no device. */
    static List<PcieDetails> parse(String text) { blocks(text)*.details() }

    /**
     * Each function's memory BARs in region order as a twin file writes them (docs/twins.md {@code bars}): the size
     * as lspci prints it, then {@code 64-bit} and {@code prefetchable} when its Region line says so
     * ({@code Memory at fe000000 (64-bit, prefetchable) [size=16K]} is {@code 16K 64-bit prefetchable}).
     */
    static Map<PciAddress, List<String>> barWords(String text) {
        blocks(text).collectEntries { Block b -> [(b.address): b.barWords] } as Map<PciAddress, List<String>>
    }

    /** The output read block by block, in lspci's order. */
    private static List<Block> blocks(String text) {
        List<Block> out = []
        Block cur = null
        text.readLines().each { String line ->
            if (line.trim().isEmpty()) return
            Matcher h = HEADER.matcher(line)
            if (h.matches()) {
                cur = new Block(PciAddress.parse(h.group(1)))
                out << cur
                return
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                throw new OutputFormatException("lspci -vvv -D: cannot read the line '${line}' (expected a device " +
                        "line 'DDDD:BB:SS.F Class: Name' or an indented one)")
            }
            if (cur == null) throw new OutputFormatException("lspci -vvv -D: an indented line before any device: " +
                    "'${line}'")
            cur.read(line)
        }
        out
    }

    /** A size as lspci's show_size prints it ({@code 256G}: the number times 1024 per unit), in bytes. */
    static long bytes(String number, String unit) {
        long n = Long.parseLong(number)
        for (int i = 0; i < UNITS.indexOf(unit); i++) n *= 1024L
        n
    }

    /** ACSCap/ACSCtl's seven words ({@code SrcValid+ TransBlk- ...}) as bits, bit 0 SrcValid (AcsBits.NAMES). */
    static int acsBits(String words) {
        int bits = 0
        words.trim().split(/\s+/).each { String w ->
            Matcher m = ACS_BIT.matcher(w)
            int i = m.matches() ? AcsBits.NAMES.indexOf(m.group(1)) : -1
            if (i < 0) throw new OutputFormatException("lspci -vvv -D: cannot read the ACS bit '${w}' (expected " +
                    "one of ${AcsBits.NAMES.join(', ')} with + or -)")
            if (m.group(2) == '+') bits |= (1 << i)
        }
        bits
    }

    /** One function's block while it is read. */
    private static final class Block {
        final PciAddress address
        PciePortType type
        String speed
        Integer width
        final List<Long> bars = []
        /** The same BARs as a twin writes them ({@link #barWords}). */
        final List<String> barWords = []
        Integer acsCap
        Integer acsCtl
        Boolean ats

        Block(PciAddress address) { this.address = address }

        void read(String line) {
            Matcher m = REGION.matcher(line)
            if (m.matches()) {
                bars << bytes(m.group(1), m.group(2))
                barWords << (m.group(1) + m.group(2) + (line.contains('(64-bit') ? ' 64-bit' : '') +
                        (line.contains(', prefetchable)') ? ' prefetchable' : ''))
                return
            }
            m = EXPRESS.matcher(line)
            if (m.matches()) { type = PciePortType.ofLspci(m.group(1)); return }
            m = LNKCAP.matcher(line)
            if (m.matches() && speed == null) { speed = m.group(1); width = Integer.parseInt(m.group(2)); return }
            m = ACS.matcher(line)
            if (m.matches()) {
                int bits = acsBits(m.group(2))
                if (m.group(1) == 'Cap') acsCap = bits else acsCtl = bits
                return
            }
            m = ATSCTL.matcher(line)
            if (m.matches()) ats = m.group(1) == '+'
        }

        PcieDetails details() { new PcieDetails(address, type, speed, width, bars, acsCap, acsCtl, ats) }
    }
}
