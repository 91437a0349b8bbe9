package dev.passthru.runtime.pci

import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Selector
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import groovy.transform.CompileStatic

/**
 * Resolves a recipe's device selectors against the host's lspci: each selector becomes the addresses
 * it matches, or an ERROR finding at the line that wrote it, listing what the host has. A selector used
 * by several steps is resolved (and reported) once.
 */
@CompileStatic
class DeviceResolver {
    private final HostDevices host
    /** Why IOMMU groups cannot be read on this kind of host (XCP-ng), or null when they can. */
    private final String groupsUnavailable
    private final Map<Selector, List<PciAddress>> resolved = new IdentityHashMap<>()
    private final Set<Selector> failed = Collections.newSetFromMap(new IdentityHashMap<Selector, Boolean>())
    final List<Finding> findings = []

    DeviceResolver(HostDevices host, String groupsUnavailable = null) {
        this.host = host
        this.groupsUnavailable = groupsUnavailable
    }

    /**
     * The recipe's steps with every selector replaced by the devices it matched (a step whose selector failed is kept
     * as written).
     */
    List<Step> resolve(Recipe recipe) {
        recipe.steps.collect { Step s ->
            if (s instanceof PinVcpusStep && ((PinVcpusStep) s).pending &&
                    !((PinVcpusStep) s).localTo.every { it.resolved }) {
                PinVcpusStep p = (PinVcpusStep) s
                List<Device> local = devices(p.localTo, s)
                return local == null ? s : p.withCpus([], local)
            }
            List<Device> named = Recipe.deviceList(s)
            if (named.every { it.resolved }) return s
            List<Device> out = devices(named, s)
            out == null ? s : Recipe.withDevices(s, out)
        }
    }

    /** The addresses a list of devices stands for, in order and without repeats; null when a selector failed. */
    List<Device> devices(List<Device> named, Step step) {
        List<Device> out = []
        boolean ok = true
        named.each { Device d ->
            List<PciAddress> as = addresses(d, step)
            if (as == null) ok = false
            else as.each { PciAddress a -> if (!out.any { it.address == a }) out << new Device(a, d.declaredAt) }
        }
        ok ? out : null
    }

    private List<PciAddress> addresses(Device d, Step step) {
        if (d.resolved) return [d.address]
        Selector sel = d.selector
        if (failed.contains(sel)) return null
        if (resolved.containsKey(sel)) return resolved[sel]
        String error = null
        List<PciAddress> found = null
        switch (sel) {
            case Selector.ById:
                Selector.ById id = (Selector.ById) sel
                List<PciFunction> matches = host.functions().findAll { matches(id, it) && onNode(id, it) }
                if (matches.isEmpty()) {
                    error = id.node == null ? "${sel.describe()} matches no device; ${listing(near(id))}"
                            : "${sel.describe()} matches no device on node ${id.node}; ${byNode(near(id))}"
                } else if (id.count != null && matches.size() != id.count) {
                    error = "${sel.describe()} matches ${matches.size()} device${matches.size() == 1 ? '' : 's'}, " +
                            "and the recipe asked for ${id.count}: ${matches*.shortText().join('; ')}; say which " +
                            "with a PCI address or count: ${matches.size()}"
                } else found = matches*.address
                break
            case Selector.FunctionsOf:
                List<PciAddress> base = addresses(((Selector.FunctionsOf) sel).base, step)
                if (base != null) {
                    List<String> slots = base.collect { PciAddress a -> host.function(a)?.slot() ?: a.slotName() }
                    found = host.functions().findAll { it.slot() in slots }*.address
                    if (found.isEmpty()) error = "${sel.describe()}: lspci -nnk -D lists no function in slot " +
                            "${slots.join(', ')}"
                }
                break
            case Selector.Nearest:
                Selector.Nearest n = (Selector.Nearest) sel
                List<PciAddress> base = devices(n.bases, step)*.address
                if (base != null && !base.contains(null)) {
                    NearestResolution r = new NearestResolution(host, n)
                    found = r.pick(base)
                    error = r.error
                }
                break
            case Selector.GroupOf:
                List<PciAddress> base = addresses(((Selector.GroupOf) sel).base, step)
                if (base != null) {
                    if (groupsUnavailable) { error = "${sel.describe()}: ${groupsUnavailable}"; break }
                    Map<PciAddress, Integer> groups = host.groups()
                    List<PciAddress> ungrouped = base.findAll { !groups.containsKey(it) }
                    if (ungrouped) {
                        String why = groups ? 'is in no IOMMU group'
                                : 'has no IOMMU group because the IOMMU is off (/sys/kernel/iommu_groups is empty)'
                        error = "${sel.describe()}: ${ungrouped.join(', ')} ${why}; turn the IOMMU on first " +
                                '(kernel { iommu() } and a reboot), or name the devices'
                    } else {
                        Set<Integer> wanted = base.collect { groups[it] }.toSet()
                        found = groups.findAll { PciAddress a, Integer g -> g in wanted &&
                                !(host.function(a)?.bridge) }.keySet().sort()
                    }
                }
                break
        }
        if (error == null && found != null) error = vmdError(sel, found)
        if (error != null) {
            failed << sel
            findings << Finding.error(step, error, null, null).at(d.declaredAt)
            return null
        }
        if (found == null) { failed << sel; return null }
        resolved[sel] = found
        found
    }

    /** Why a selector may not pick what it found: functions behind an Intel VMD controller; null when none is. */
    private static String vmdError(Selector sel, List<PciAddress> found) {
        List<PciAddress> vmd = found.findAll { PciAddress a -> a.behindVmd }
        if (vmd.isEmpty()) return null
        String more = vmd.size() > 1 ? " (and ${vmd.size() - 1} more behind VMD: ${vmd.drop(1).join(', ')})" : ''
        "${sel.describe()} picks ${vmd.first().vmdRefusal()}${more}"
    }

    /** Whether {@code f} is on the selector's node (any node when it names none). */
    private boolean onNode(Selector.ById id, PciFunction f) { id.node == null || host.numaNode(f.address) == id.node }

    /** What the host has of a kind, by NUMA node: {@code node 0: 0000:18:00.0, ...; node 1: ...}. */
    private String byNode(List<PciFunction> fns) {
        Map<Integer, List<PciFunction>> nodes = fns.groupBy { PciFunction f -> host.numaNode(f.address) }
        'the host has ' + nodes.keySet().sort().collect { Integer k ->
            "${k < 0 ? 'no node' : 'node ' + k}: ${nodes[k].take(8)*.shortText().join('; ')}"
        }.join('; ')
    }

    static boolean matches(Selector.ById id, PciFunction f) {
        (id.vendor == null || id.vendor == f.vendorId) && (id.device == null || id.device == f.deviceId) &&
                (id.classPrefixes() == null || f.inClass(id.classPrefixes()))
    }

    /** Devices like the ones asked for: of the class, else of the vendor, else all. */
    private List<PciFunction> near(Selector.ById id) {
        List<PciFunction> all = host.functions()
        if (id.classPrefixes() != null && all.any { it.inClass(id.classPrefixes()) }) {
            return all.findAll { it.inClass(id.classPrefixes()) }
        }
        if (id.vendor != null && all.any { it.vendorId == id.vendor }) return all.findAll { it.vendorId == id.vendor }
        all
    }

    private String listing(List<PciFunction> fns) {
        "the nearest lspci -nnk -D lists (${fns.size()}): " +
                "${fns.take(8)*.shortText().join('; ')}${fns.size() > 8 ? '; ...' : ''}"
    }
}
