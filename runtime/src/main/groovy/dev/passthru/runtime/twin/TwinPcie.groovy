package dev.passthru.runtime.twin

import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoPcie
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/**
 * A KVM twin's optional PCIe keys of one {@code pci} entry (docs/twins.md): {@code parent}, {@code port_type},
 * {@code link}, {@code bars}, {@code acs_cap}, {@code acs_ctl} (hex, as setpci prints them: {@code "0x001d"}) and
 * {@code ats}. An entry without them has no parent bridge and shows no PCIe capability.
 */
@CompileStatic
final class TwinPcie {
    static final List<String> KEYS = ['parent', 'port_type', 'link', 'bars', 'acs_cap', 'acs_ctl', 'ats']
    /** The port types lspci names (ls-caps.c cap_express). */
    static final List<String> PORT_TYPES = ['Endpoint', 'Legacy Endpoint', 'Root Port', 'Upstream Port',
            'Downstream Port', 'PCI-Express to PCI/PCI-X Bridge', 'PCI/PCI-X to PCI-Express Bridge',
            'Root Complex Integrated Endpoint', 'Root Complex Event Collector']

    private TwinPcie() {}

    /** The keys' values for {@code t} (none when it is null or empty). */
    static void write(Map<String, Object> m, DemoPcie t) {
        if (t == null || t.isEmpty()) return
        if (t.parent != null) m.parent = DemoLspci.slot(t.parent)
        if (t.portType != null) m.port_type = t.portType
        if (t.link != null) m.link = t.link
        if (t.bars) m.bars = new ArrayList<Object>(t.bars)
        if (t.acsCap != null) {
            m.acs_cap = String.format('0x%04x', t.acsCap)
            m.acs_ctl = String.format('0x%04x', t.acsCtl ?: 0)
        }
        if (t.ats != null) m.ats = t.ats
    }

    /** The keys of the entry at {@code at}, or null when it has none. */
    static DemoPcie read(TwinFields f, List<Object> at) {
        DemoPcie t = new DemoPcie()
        if (f.has(at, 'parent')) t.parent = f.address(child(at, 'parent'))
        if (f.has(at, 'port_type')) {
            t.portType = f.string(child(at, 'port_type'))
            if (!(t.portType in PORT_TYPES)) {
                throw f.fail(child(at, 'port_type'), "port_type '${t.portType}': one of ${PORT_TYPES.join(', ')}")
            }
        }
        if (f.has(at, 'link')) {
            t.link = f.string(child(at, 'link'))
            if (!(t.link ==~ /[0-9.]+GT\/s x\d+/)) throw f.fail(child(at, 'link'), "link '${t.link}': like 32GT/s x16")
        }
        if (f.has(at, 'bars')) {
            t.bars = f.strings(child(at, 'bars'))
            String bad = t.bars.find { !(it ==~ /\d+[KMGT]?( 64-bit)?( prefetchable)?/) }
            if (bad) throw f.fail(child(at, 'bars'), "bar '${bad}': SIZE[K|M|G|T] [64-bit] [prefetchable]")
        }
        if (f.has(at, 'acs_cap')) {
            t.acsCap = hex(f, child(at, 'acs_cap'))
            t.acsCtl = f.has(at, 'acs_ctl') ? hex(f, child(at, 'acs_ctl')) : 0
        }
        if (f.has(at, 'ats')) t.ats = f.bool(child(at, 'ats'))
        t.isEmpty() ? null : t
    }

    private static int hex(TwinFields f, List<Object> at) {
        String v = f.string(at)
        if (!(v ==~ /0x[0-9a-fA-F]{1,4}/) || Integer.parseInt(v.substring(2), 16) > 0x7f) {
            throw f.fail(at, "'${v}': the ACS bits in hex, 0x0000 to 0x007f")
        }
        Integer.parseInt(v.substring(2), 16)
    }
}
