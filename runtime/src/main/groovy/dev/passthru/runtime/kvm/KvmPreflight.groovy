package dev.passthru.runtime.kvm

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpuSet
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.KernelArg
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.dsl.VmStep
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.kvm.topology.MirrorPreflight
import dev.passthru.runtime.hostprep.HostPrepPreflight
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.numa.MissingCpus
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.preflight.DevicePreflight
import dev.passthru.runtime.preflight.DeviceUse
import dev.passthru.runtime.preflight.VmNames
import groovy.transform.CompileStatic

/**
 * Everything checked on a KVM host before any change: selectors resolved, numaNodeOf filled in and the
 * NUMA policy held; the devices are there; the IOMMU is on or the recipe turns it on; hiding by id takes
 * no device the recipe does not name; each hidden device's IOMMU group is isolated; no VF is requested
 * with its PF; no device goes to a VM while another running VM has it; the VMs, CPUs and nodes exist.
 */
@CompileStatic
class KvmPreflight extends DevicePreflight {
    private final KvmHost host

    KvmPreflight(KvmHost host) { this.host = host }

    protected HostDevices devices() { host.devices() }

    protected List<CpuRow> cpus() { host.cpus() }

    protected String nodeSource() { PciCommands.NUMA_NODES }

    protected List<Finding> checks(Recipe recipe, HostDevices devices) {
        List<Finding> problems = []
        List<PciFunction> fns = devices.functions()
        Map<PciAddress, PciFunction> byAddress =
                fns.collectEntries { [(it.address): it] } as Map<PciAddress, PciFunction>
        List<Step> deviceSteps = DeviceUse.claiming(recipe.steps)
        Map<PciAddress, Integer> groups = devices.groups()
        if (deviceSteps && groups.isEmpty()) problems.addAll(iommuOff(recipe, deviceSteps[0]))
        List<PciAddress> hidden = recipe.steps.findAll { it instanceof HideStep }.collectMany {
            ((HideStep) it).devices*.address
        }
        recipe.steps.findAll { it instanceof HideStep }.each { Step s ->
            ((HideStep) s).devices.each { Device d ->
                PciFunction f = byAddress[d.address]
                List<PciFunction> twins = fns.findAll {
                    it.ids() == f.ids() && it.address != d.address && !hidden.contains(it.address)
                }
                if (twins) problems << new Finding(s, "vfio-pci.ids binds by vendor:device id, so hiding " +
                        "${d.address} (${f.ids()}) would also take ${twins*.address.join(', ')} from the host; hide " +
                        "${twins.size() == 1 ? 'it' : 'them'} too, or bind the one device with driver_override by hand")
                if (groups) {
                    String g = IommuGroups.notIsolated(d.address, groups, fns, hidden)
                    if (g) problems << new Finding(Finding.Severity.ERROR, s, g,
                            "${PciCommands.iommuGroups()}: " +
                            "/sys/kernel/iommu_groups/${groups[d.address]}/devices/${d.address}", null)
                }
            }
        }
        problems.addAll(DeviceUse.pfWithVfs(recipe, devices))
        problems.addAll(vmChecks(recipe))
        problems.addAll(MirrorPreflight.run(recipe, host, fns))
        problems.addAll(new HostPrepPreflight(host).check(recipe))
        problems
    }

    /**
     * No IOMMU groups: fine when the recipe's kernel step turns the IOMMU on; when the running kernel was
     * already told to, the firmware has VT-d / AMD-Vi off.
     */
    private List<Finding> iommuOff(Recipe recipe, Step first) {
        List<String> cmdline = host.runningCmdline()
        String asked = cmdline.find { it in ['intel_iommu=on', 'amd_iommu=on'] }
        if (asked) {
            return [Finding.error(first, "the kernel was started with ${asked} but shows no IOMMU groups: the IOMMU " +
                    "is off in the firmware",
                    "cat /proc/cmdline: ... ${asked} ...; find /sys/kernel/iommu_groups -type l: (nothing)",
                    'enable VT-d (Intel) or AMD-Vi / IOMMU (AMD) in the BIOS/UEFI setup; a firmware update can reset ' +
                            'it')]
        }
        boolean turnsOn = recipe.steps.any {
            it instanceof KernelArgsStep && ((KernelArgsStep) it).add.any { KernelArg a -> a.turnsIommuOn() }
        }
        if (turnsOn) return []
        [Finding.error(first, 'the IOMMU is off (no IOMMU groups), and the recipe does not turn it on',
                "find /sys/kernel/iommu_groups -type l: (nothing); cat /proc/cmdline: ${cmdline.join(' ')}",
                'add kernel { iommu() } before this step (and a reboot()); if the host still shows no groups after ' +
                        'that, enable VT-d / AMD-Vi in the firmware')]
    }

    private List<Finding> vmChecks(Recipe recipe) {
        List<Finding> problems = []
        List<VmStep> vmSteps = recipe.steps.findAll { it instanceof VmStep } as List<VmStep>
        if (vmSteps) {
            List<String> names = host.domains()
            vmSteps.unique(false) { it.vm }.findAll { !names.contains(it.vm) }.each { VmStep s ->
                String listed = "${KvmCommands.domains()}: ${names ? names.join(', ') : '(nothing)'}"
                problems << VmNames.missing(s, s.vm, listed, names)
            }
            if (recipe.steps.any { it instanceof AttachStep || it instanceof MirrorTopologyStep }) {
                List<DeviceUse.VmDevices> vms = names.collect { String vm ->
                    new DeviceUse.VmDevices(vm, host.state(vm).running, DomainXml.hostdevs(host.domainXml(vm)),
                            KvmCommands.dumpxml(vm))
                }
                problems.addAll(DeviceUse.attachedElsewhere(recipe, vms))
            }
        }
        List<PinVcpusStep> pins = recipe.steps.findAll { it instanceof PinVcpusStep &&
                !((PinVcpusStep) it).pending } as List<PinVcpusStep>
        List<NumaMemoryStep> numa = recipe.steps.findAll { it instanceof NumaMemoryStep &&
                ((NumaMemoryStep) it).node != null } as List<NumaMemoryStep>
        if (pins || numa) {
            List<CpuRow> cpus = host.cpus()
            Set<Integer> ids = cpus*.cpu.toSet()
            Set<Integer> nodes = cpus*.node.toSet()
            CpuSet host = CpuSet.of(ids)
            pins.each { PinVcpusStep p ->
                String missing = MissingCpus.message(p.emulator == null ? p.cpus : p.cpus + p.emulator, host)
                if (missing) problems << Finding.error(p, missing, "${KvmCommands.lscpu()}: ${ids.size()} rows, " +
                        "highest CPU ${ids.max()}", "pin to CPUs ${host}")
            }
            numa.each { NumaMemoryStep n ->
                if (!nodes.contains(n.node)) problems << new Finding(n, "NUMA node ${n.node} does not exist: the " +
                        "host has node${nodes.size() > 1 ? 's' : ''} ${nodes.sort().join(', ')} (lscpu)")
            }
        }
        problems
    }
}
