package dev.passthru.runtime.twin

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.demo.DemoGpu
import dev.passthru.runtime.demo.DemoGpuState
import dev.passthru.runtime.demo.DemoLspci
import dev.passthru.runtime.demo.DemoPack
import dev.passthru.runtime.demo.DemoVgpu
import groovy.transform.CompileStatic

import static dev.passthru.runtime.twin.TwinFields.child

/**
 * An XCP-ng twin's optional {@code gpu} keys (docs/twins.md): pGPUs, the system display device, supplemental pack
 * ISOs, vGPUs and disabled vGPU types. A file without them has no pGPUs; each key inside is optional too.
 */
@CompileStatic
final class XcpngTwinGpu {
    static final List<String> KEYS = ['pgpus', 'system_display', 'packs', 'vgpus', 'disabled']
    static final List<String> PGPU = ['address', 'vendor_name', 'device_name']
    static final List<String> PACK = ['iso', 'label', 'version', 'installed', 'reboot_needed']
    static final List<String> VGPU = ['uuid', 'vm', 'type', 'group', 'resident_on']
    static final List<String> DISABLED = ['pgpu', 'type']

    private XcpngTwinGpu() {}

    /** The {@code gpu} map for {@code g}; null when the host has no pGPU, pack or vGPU (the key is left out). */
    static Map<String, Object> toMap(DemoGpuState g) {
        if (!g.gpus && !g.packs && !g.vgpus) return null
        Map<String, Object> m = new LinkedHashMap<>()
        m.pgpus = g.gpus.collect { DemoGpu p ->
            [address: DemoLspci.slot(p.address), vendor_name: p.vendorName, device_name: p.deviceName]
                    as Map<String, Object>
        }
        m.system_display = g.systemDisplay == null ? null : DemoLspci.slot(g.systemDisplay)
        m.packs = g.packs.collect { DemoPack p ->
            [iso: p.iso, label: p.label, version: p.version, installed: p.installed, reboot_needed: p.rebootNeeded]
                    as Map<String, Object>
        }
        m.vgpus = g.vgpus.collect { DemoVgpu v ->
            [uuid: v.uuid, vm: v.vmUuid, type: v.typeModel, group: v.groupName,
             resident_on: v.residentOn == null ? null : DemoLspci.slot(v.residentOn)] as Map<String, Object>
        }
        m.disabled = g.disabled.collectMany { PciAddress a, List<String> types ->
            types.collect { String t -> [pgpu: DemoLspci.slot(a), type: t] as Map<String, Object> }
        }
        m
    }

    /** Reads the {@code gpu} map (when the file has one) into {@code g}. */
    static void read(TwinFields f, DemoGpuState g) {
        if (!f.has([], 'gpu')) return
        List<Object> at = ['gpu']
        f.map(at, KEYS)
        each(f, at, 'pgpus', PGPU) { List<Object> p ->
            g.gpus << new DemoGpu(f.address(child(p, 'address')), f.string(child(p, 'vendor_name')),
                    f.string(child(p, 'device_name')))
        }
        if (f.has(at, 'system_display') && f.get(child(at, 'system_display')) != null) {
            g.systemDisplay = f.address(child(at, 'system_display'))
        }
        each(f, at, 'packs', PACK) { List<Object> p ->
            g.packs << new DemoPack(f.string(child(p, 'iso')), f.string(child(p, 'label')),
                    f.string(child(p, 'version')), f.bool(child(p, 'installed')), f.bool(child(p, 'reboot_needed')))
        }
        each(f, at, 'vgpus', VGPU) { List<Object> p ->
            PciAddress on = f.get(child(p, 'resident_on')) == null ? null : f.address(child(p, 'resident_on'))
            g.vgpus << new DemoVgpu(f.string(child(p, 'uuid')), f.string(child(p, 'vm')), f.string(child(p, 'type')),
                    f.string(child(p, 'group')), on)
        }
        each(f, at, 'disabled', DISABLED) { List<Object> p ->
            g.disabled.computeIfAbsent(f.address(child(p, 'pgpu'))) { [] as List<String> } << f.string(child(p, 'type'))
        }
    }

    private static void each(TwinFields f, List<Object> at, String key, List<String> known, Closure body) {
        if (!f.has(at, key)) return
        List<Object> path = child(at, key)
        int n = f.list(path).size()
        (0..<n).each { int i ->
            List<Object> item = child(path, i)
            f.map(item, known)
            body.call(item)
        }
    }
}
