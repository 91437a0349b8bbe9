package dev.passthru.runtime.twin

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoMlxNic
import dev.passthru.runtime.demo.DemoPrepState
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/**
 * A KVM twin's optional {@code prep} map (host preparation): {@code units_enabled} (unit file names), {@code acs_boot}
 * ({@code {address, ctl}}: ACS control as the boot left it, four hex digits), {@code mlxconfig} ({@code {address,
 * ats_next_boot}}) and {@code hugepage_room_kib} ({@code {node, kib}}).
 */
@CompileStatic
final class TwinPrep {
    static final List<String> KEYS = ['units_enabled', 'acs_boot', 'mlxconfig', 'hugepage_room_kib']
    static final List<String> ACS = ['address', 'ctl']
    static final List<String> ATS = ['address', 'ats_next_boot']
    static final List<String> ROOM = ['node', 'kib']

    private TwinPrep() {}

    /** The {@code prep} map of a state. */
    static Map<String, Object> toMap(DemoPrepState p) {
        Map<String, Object> m = new LinkedHashMap<>()
        m.units_enabled = p.enabledUnits.toList()
        m.acs_boot = p.acsBoot.collect { PciAddress a, Integer ctl ->
            [address: DemoLspci.slot(a), ctl: hex(ctl)] as Map<String, Object>
        }
        m.mlxconfig = p.nics.collect { PciAddress a, DemoMlxNic n ->
            [address: DemoLspci.slot(a), ats_next_boot: n.atsNextBoot] as Map<String, Object>
        }
        m.hugepage_room_kib = p.hugepageRoomKib.collect { Integer node, Long kib ->
            [node: node, kib: kib] as Map<String, Object>
        }
        m
    }

    /** Reads the {@code prep} map at {@code path} into {@code p}; each key is optional. */
    static void read(TwinFields f, List<Object> path, DemoPrepState p) {
        f.map(path, KEYS)
        if (f.has(path, 'units_enabled')) p.enabledUnits.addAll(f.strings(child(path, 'units_enabled')))
        each(f, child(path, 'acs_boot')) { List<Object> at ->
            f.map(at, ACS)
            p.acsBoot[f.address(child(at, 'address'))] = word(f, child(at, 'ctl'))
        }
        each(f, child(path, 'mlxconfig')) { List<Object> at ->
            f.map(at, ATS)
            p.nics[f.address(child(at, 'address'))] = new DemoMlxNic(f.bool(child(at, 'ats_next_boot')))
        }
        each(f, child(path, 'hugepage_room_kib')) { List<Object> at ->
            f.map(at, ROOM)
            p.hugepageRoomKib[f.integer(child(at, 'node'))] = f.number(child(at, 'kib'))
        }
    }

    private static void each(TwinFields f, List<Object> path, Closure<?> body) {
        if (!f.has(path.subList(0, path.size() - 1), (String) path.last())) return
        List<Object> l = f.list(path)
        (0..<l.size()).each { int i -> body.call(child(path, i)) }
    }

    private static int word(TwinFields f, List<Object> path) {
        String s = f.string(path)
        if (!(s ==~ /[0-9a-f]{4}/)) throw f.fail(path, "'${s}' is not four hex digits (as setpci prints a word)")
        Integer.parseInt(s, 16)
    }

    private static String hex(int v) { String.format('%04x', v) }
}
