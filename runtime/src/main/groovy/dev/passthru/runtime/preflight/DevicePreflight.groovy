package dev.passthru.runtime.preflight

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.numa.NumaPlacement
import dev.passthru.runtime.pci.DeviceResolver
import dev.passthru.runtime.pci.HostDevices
import groovy.transform.CompileStatic

/**
 * Preflight as every flavour runs it: refuse what the flavour cannot do; resolve selectors against the
 * host's devices; refuse devices that are not there; fill in numaNodeOf and hold the NUMA policy (only
 * when a pinning needs the topology); then the flavour's own checks. Findings up to the devices stop
 * there (the later checks need real addresses); from NUMA on, every finding is collected.
 */
@CompileStatic
abstract class DevicePreflight {
    /** A fresh view of the host's devices for this preflight. */
    protected abstract HostDevices devices()

    /** Why IOMMU groups cannot be read on this kind of host, or null. */
    protected String groupsUnavailable() { null }

    /** The host's CPUs with their cores, sockets and nodes. */
    protected abstract List<CpuRow> cpus()

    /** Where device NUMA nodes come from, for evidence. */
    protected abstract String nodeSource()


    /** The flavour's own checks on the resolved recipe. */
    protected abstract List<Finding> checks(Recipe recipe, HostDevices devices)

    /** Steps this flavour refuses outright, before anything is read. */
    protected List<Finding> refused(Recipe recipe) { [] }

    Preflight run(Recipe asWritten) {
        List<Finding> refused = refused(asWritten)
        if (refused) return new Preflight(asWritten, refused)
        HostDevices devices = devices()
        DeviceResolver resolver = new DeviceResolver(devices, groupsUnavailable())
        List<Step> steps = resolver.resolve(asWritten)
        List<Finding> findings = new ArrayList<Finding>(resolver.findings)
        if (!findings) findings.addAll(DeviceUse.missing(steps, devices))
        if (findings.any { it.error }) return new Preflight(asWritten.withSteps(steps), findings)
        if (needsNuma(steps)) {
            NumaPlacement numa = new NumaPlacement(cpus(), { PciAddress a -> devices.numaNode(a) }, nodeSource())
            steps = numa.resolve(steps)
            numa.check(steps)
            findings.addAll(numa.findings)
        }
        Recipe recipe = asWritten.withSteps(steps)
        findings.addAll(checks(recipe, devices))
        new Preflight(recipe, findings)
    }

    /** NUMA facts are read only when a pinning asks for a node, or a VM is both pinned and given devices. */
    static boolean needsNuma(List<Step> steps) {
        Set<String> attachedVms = steps.findAll { it instanceof AttachStep }.collect { ((AttachStep) it).vm }.toSet()
        steps.any {
            it instanceof PinVcpusStep && (((PinVcpusStep) it).pending || ((PinVcpusStep) it).vm in attachedVms)
        }
    }
}
