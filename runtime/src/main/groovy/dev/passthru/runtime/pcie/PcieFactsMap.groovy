package dev.passthru.runtime.pcie

import dev.passthru.runtime.pci.PciFunction
import groovy.transform.CompileStatic

/**
 * The {@code pcie} section of {@code passthru facts} (JSON, docs/facts.schema.json) and of a recipe's
 * {@code facts.pcie}: each function's place in the tree (parent, path from the top, root port, switch), port type,
 * link, BAR total, ACS bits as lspci words them and ATS; and the NVSwitches with the fabric mode they imply. Pure.
 */
@CompileStatic
final class PcieFactsMap {
    private PcieFactsMap() {}

    /** The section for {@code tree}, with {@code functions} (lspci -nnk) for drivers and ids. */
    static Map<String, Object> of(PcieTree tree, List<PciFunction> functions) {
        List<PciFunction> switches = FabricMode.nvswitches(functions)
        Map<String, Object> m = new LinkedHashMap<>()
        m.fabric = [mode: FabricMode.of(switches).word, nvswitches: switches*.address*.toString(),
                    drivers: switches.collect { it.driver ?: '-' }] as Map<String, Object>
        m.functions = tree.functions().collect { PcieFunction f -> function(tree, f) }
        m
    }

    private static Map<String, Object> function(PcieTree tree, PcieFunction f) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.address = f.address.toString()
        m.parent = f.parent?.toString()
        m.path = tree.path(f.address)*.address*.toString()
        m.portType = f.type?.lspciName
        m.rootPort = tree.rootPort(f.address)?.address?.toString()
        m.switch = tree.switchUpstream(f.address)?.address?.toString()
        m.node = f.numaNode
        m.link = f.linkSpeed == null ? null : "${f.linkSpeed} x${f.linkWidth}".toString()
        m.bars = f.barBytes.collect { Long b -> size(b) }
        m.barBytes = f.totalBarBytes()
        m.acsCap = f.acsCap == null ? null : AcsBits.describe(f.acsCap)
        m.acsCtl = f.acsCtl == null ? null : AcsBits.describe(f.acsCtl)
        m.ats = f.atsEnabled == null ? null : f.atsEnabled ? 'Enable+' : 'Enable-'
        m
    }

    /** A byte count as lspci's show_size would (256G, 48M, 0). */
    static String size(long bytes) {
        List<String> units = ['', 'K', 'M', 'G', 'T']
        long x = bytes
        int i = 0
        while (x != 0 && i < units.size() - 1 && x % 1024 == 0) { x = x.intdiv(1024) as long; i++ }
        "${x}${units[i]}".toString()
    }

    /** The table lines {@code passthru facts} prints under the devices: the fabric, then one line per PCIe function. */
    static String table(Map<String, Object> pcie) {
        StringBuilder b = new StringBuilder()
        Map fabric = (Map) pcie.fabric
        List nv = (List) fabric.nvswitches
        b << "fabric   ${fabric.mode}${nv ? " (${nv.size()} NVSwitch${nv.size() == 1 ? '' : 'es'}, driver " +
                "${((List) fabric.drivers).unique(false).join(', ')})" : ''}\n"
        String fmt = '%-13s %-16s %-11s %-13s %-7s %-8s %s%n'
        b << String.format(fmt, 'address', 'port type', 'link', 'bars', 'acs ctl', 'ats', 'path (root port first)')
        ((List<Map>) pcie.functions).findAll { Map f -> f.portType != null }.each { Map f ->
            b << String.format(fmt, f.address, f.portType, f.link ?: '-', ((List) f.bars).join('+') ?: '-',
                    f.acsCtl == null ? '-' : hex((String) f.acsCtl), f.ats ?: '-', ((List) f.path).join(' > ') ?: '-')
        }
        b.toString()
    }

    /** ACS words back to the hex setpci shows (for the table's narrow column). */
    private static String hex(String words) {
        int v = 0
        words.split(' ').eachWithIndex { String w, int i -> if (w.endsWith('+')) v |= (1 << i) }
        String.format('0x%04x', v)
    }
}
