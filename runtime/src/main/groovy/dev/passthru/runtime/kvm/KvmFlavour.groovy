package dev.passthru.runtime.kvm

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.VmStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Problem
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepHandler
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** A KVM host with libvirt: devices hidden with vfio-pci.ids on the kernel command line, VMs configured with virsh. */
@CompileStatic
class KvmFlavour implements Flavour {
    static final String NAME = 'kvm'
    private final KvmHost host
    private final Rebooter.Pause pause
    private final long stopTimeoutMs

    KvmFlavour(Transport transport, Set<String> tools, Rebooter.Pause pause = { long ms -> Thread.sleep(ms) } as Rebooter.Pause, long stopTimeoutMs = 120_000L) {
        this.host = new KvmHost(new HostShell(transport), tools)
        this.pause = pause
        this.stopTimeoutMs = stopTimeoutMs
    }

    String name() { NAME }

    String bootIdCommand() { command('cat', '/proc/sys/kernel/random/boot_id') }

    String rebootCommand() { command('reboot') }

    StepHandler handler(Step step) {
        switch (step) {
            case KernelArgsStep: return new KernelArgsHandler(host, (KernelArgsStep) step)
            case HideStep: return new VfioHandler(host, ((HideStep) step).devices, true)
            case UnhideStep: return new VfioHandler(host, ((UnhideStep) step).devices, false)
            case AssignableStep: return new VfioAssignableHandler(host, ((AssignableStep) step).devices)
            case AttachStep: return new DomainAttachHandler(host, ((AttachStep) step).vm, ((AttachStep) step).devices, true)
            case DetachStep: return new DomainAttachHandler(host, ((DetachStep) step).vm, ((DetachStep) step).devices, false)
            case PinVcpusStep: return new DomainPinHandler(host, ((PinVcpusStep) step).vm, ((PinVcpusStep) step).cpus, ((PinVcpusStep) step).emulator)
            case UnpinVcpusStep: return new DomainUnpinHandler(host, ((UnpinVcpusStep) step).vm)
            case NumaMemoryStep: return new DomainNumaHandler(host, ((NumaMemoryStep) step).vm, ((NumaMemoryStep) step).node)
            case HugepageMemoryStep: return new DomainHugepagesHandler(host, ((HugepageMemoryStep) step).vm, ((HugepageMemoryStep) step).enabled)
            case StartStep: return new DomainPowerHandler(host, ((StartStep) step).vm, true, pause, stopTimeoutMs)
            case StopStep: return new DomainPowerHandler(host, ((StopStep) step).vm, false, pause, stopTimeoutMs)
            default: throw new IllegalArgumentException("the kvm flavour has no handler for ${step.class.simpleName}")
        }
    }

    Map<String, Object> facts() {
        List<PciFunction> fns = host.functions()
        Map<PciAddress, Integer> groups = host.iommuGroups()
        List<CpuRow> cpus = host.cpus()
        Map<String, Object> f = [:]
        f.kernelCmdline = host.runningCmdline().join(' ')
        f.iommu = [on: !groups.isEmpty(), evidence: host.iommuMessages().collect { it.replaceFirst(/^\[[ 0-9.]+\] /, '') }]
        f.cpus = [count: cpus.size(), sockets: cpus*.socket.unique().size(), cores: cpus.collect { [it.socket, it.core] }.unique().size(),
                  numaNodes: cpus*.node.unique().sort(), siblings: cpus.groupBy { [it.socket, it.core] }.values().collect { List<CpuRow> c -> c*.cpu.sort() }.findAll { it.size() > 1 }]
        f.pci = fns.collect { PciFunction p ->
            [address: p.address.toString(), classId: p.classId, className: p.className, ids: p.ids(), description: p.description,
             driver: p.driver, modules: p.modules, iommuGroup: groups[p.address],
             groupMembers: groups[p.address] == null ? [] : groups.findAll { k, v -> v == groups[p.address] && k != p.address }.keySet()*.toString()]
        }
        f.vms = 'virsh' in host.tools ? host.domains().collect { String vm -> [name: vm, state: host.state(vm), hostdevs: DomainXml.hostdevs(host.domainXml(vm))*.toString()] } : []
        f
    }

    /**
     * Before any change: the devices are on the host; hiding by vendor:device id takes no device the
     * recipe does not name; each hidden device's IOMMU group is viable (when the IOMMU is on already);
     * every VM exists in libvirt; every pinned CPU and NUMA node exists.
     */
    List<Problem> preflight(Recipe recipe) {
        List<Problem> problems = []
        List<PciFunction> fns = host.functions()
        Map<PciAddress, PciFunction> byAddress = fns.collectEntries { [(it.address): it] } as Map<PciAddress, PciFunction>
        recipe.steps.findAll { it instanceof HideStep || it instanceof AssignableStep || it instanceof AttachStep }.each { Step s ->
            Recipe.deviceList(s).findAll { Device d -> !byAddress.containsKey(d.address) }.each { Device d ->
                problems << new Problem(s, "device ${d.address} is not on this host (lspci -nnk -D lists ${fns.size()} functions: ${fns.take(6)*.address.join(', ')}${fns.size() > 6 ? ', ...' : ''})")
            }
        }
        if (problems) return problems
        List<PciAddress> hidden = recipe.steps.findAll { it instanceof HideStep }.collectMany { ((HideStep) it).devices*.address }
        recipe.steps.findAll { it instanceof HideStep }.each { Step s ->
            ((HideStep) s).devices.each { Device d ->
                PciFunction f = byAddress[d.address]
                List<PciFunction> twins = fns.findAll { it.ids() == f.ids() && it.address != d.address && !hidden.contains(it.address) }
                if (twins) problems << new Problem(s, "vfio-pci.ids binds by vendor:device id, so hiding ${d.address} (${f.ids()}) would also take ${twins*.address.join(', ')} from the host; hide ${twins.size() == 1 ? 'it' : 'them'} too, or bind the one device with driver_override by hand")
            }
        }
        Map<PciAddress, Integer> groups = host.iommuGroups()
        if (groups) {
            recipe.steps.findAll { it instanceof HideStep }.each { Step s ->
                ((HideStep) s).devices.each { Device d ->
                    String g = IommuGroups.notIsolated(d.address, groups, fns, hidden)
                    if (g) problems << new Problem(s, g)
                }
            }
        }
        List<VmStep> vmSteps = recipe.steps.findAll { it instanceof VmStep } as List<VmStep>
        if (vmSteps) {
            List<String> names = host.domains()
            vmSteps.unique(false) { it.vm }.findAll { !names.contains(it.vm) }.each { VmStep s ->
                problems << new Problem(s, "VM '${s.vm}' is not defined in libvirt (virsh list --all --name lists: ${names ? names.collect { "'${it}'" }.join(', ') : 'none'})")
            }
        }
        List<PinVcpusStep> pins = recipe.steps.findAll { it instanceof PinVcpusStep } as List<PinVcpusStep>
        List<NumaMemoryStep> numa = recipe.steps.findAll { it instanceof NumaMemoryStep && ((NumaMemoryStep) it).node != null } as List<NumaMemoryStep>
        if (pins || numa) {
            List<CpuRow> cpus = host.cpus()
            Set<Integer> ids = cpus*.cpu.toSet()
            Set<Integer> nodes = cpus*.node.toSet()
            pins.each { PinVcpusStep p ->
                List<Integer> bad = ((p.cpus as List<Integer>) + ((p.emulator ?: []) as List<Integer>)).findAll { Integer c -> !ids.contains(c) }.unique()
                if (bad) problems << new Problem(p, "host CPU${bad.size() > 1 ? 's' : ''} ${bad.join(', ')} do${bad.size() > 1 ? '' : 'es'} not exist: the host has ${ids.size()} CPUs (0-${ids.max()}, lscpu)")
            }
            numa.each { NumaMemoryStep n ->
                if (!nodes.contains(n.node)) problems << new Problem(n, "NUMA node ${n.node} does not exist: the host has node${nodes.size() > 1 ? 's' : ''} ${nodes.sort().join(', ')} (lscpu)")
            }
        }
        problems
    }
}
