package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.VmStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Problem
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.engine.StepHandler
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/** XCP-ng 8.x: devices hidden through xen-cmdline / xen-pciback, VMs configured through xe. */
@CompileStatic
class XcpngFlavour implements Flavour {
    static final String NAME = 'xcpng'
    private final XcpngHost host

    XcpngFlavour(Transport transport) { this.host = new XcpngHost(new HostShell(transport)) }

    String name() { NAME }

    String bootIdCommand() { XcpngCommands.bootId() }

    String rebootCommand() { XcpngCommands.reboot() }

    StepHandler handler(Step step) {
        switch (step) {
            case HideStep: return new HideHandler(host, ((HideStep) step).devices)
            case UnhideStep: return new UnhideHandler(host, ((UnhideStep) step).devices)
            case AssignableStep: return new AssignableHandler(host, ((AssignableStep) step).devices)
            case AttachStep: return new AttachHandler(host, ((AttachStep) step).vm, ((AttachStep) step).devices)
            case DetachStep: return new DetachHandler(host, ((DetachStep) step).vm, ((DetachStep) step).devices)
            case PinVcpusStep: return new PinHandler(host, ((PinVcpusStep) step).vm, ((PinVcpusStep) step).cpus)
            case UnpinVcpusStep: return new UnpinHandler(host, ((UnpinVcpusStep) step).vm)
            case StartStep: return new PowerHandler(host, ((StartStep) step).vm, true)
            case StopStep: return new PowerHandler(host, ((StopStep) step).vm, false)
            default: throw new IllegalArgumentException("the xcpng flavour has no handler for ${step.class.simpleName}")
        }
    }

    /**
     * Before any change: every device the recipe hides, verifies or attaches is on the host, every VM
     * name finds exactly one VM, and every pinned CPU exists.
     */
    List<Problem> preflight(Recipe recipe) {
        List<Problem> problems = unsupported(recipe)
        if (problems) return problems
        Map<PciAddress, String> present = host.pciDevices()
        recipe.steps.findAll { Step s -> s instanceof HideStep || s instanceof AssignableStep || s instanceof AttachStep }.each { Step s ->
            Recipe.deviceList(s).findAll { Device d -> !present.containsKey(d.address) }.each { Device d ->
                problems << new Problem(s, "device ${d.address} is not on this host (lspci -D does not list it; it lists ${listed(present, d.address)})")
            }
        }
        Map<String, Step> firstStepOfVm = [:]
        recipe.steps.findAll { it instanceof VmStep }.each { Step s -> firstStepOfVm.putIfAbsent(((VmStep) s).vm, s) }
        firstStepOfVm.each { String vm, Step s ->
            try {
                host.vmUuid(vm)
            } catch (StepFailedException e) {
                problems << new Problem(s, e.message)
            }
        }
        List<PinVcpusStep> pins = recipe.steps.findAll { it instanceof PinVcpusStep } as List<PinVcpusStep>
        if (pins) {
            int n = host.cpuCount()
            pins.each { PinVcpusStep p ->
                List<Integer> bad = p.cpus.findAll { Integer c -> c >= n }.toList()
                if (bad) problems << new Problem(p, "host CPU${bad.size() > 1 ? 's' : ''} ${bad.join(', ')} do${bad.size() > 1 ? '' : 'es'} not exist: the host has ${n} CPUs (0-${n - 1}, xl info nr_cpus)")
            }
        }
        problems
    }

    Map<String, Object> facts() {
        Map<PciAddress, String> pci = host.pciDevices()
        List<PciAddress> hidden = host.hiddenConfigured()
        List<PciAddress> assignable = host.assignable()
        [pci: pci.collect { PciAddress a, String d -> [address: a.toString(), description: d, hidden: hidden.contains(a), assignable: assignable.contains(a)] },
         cpus: [count: host.cpuCount()]] as Map<String, Object>
    }

    /** Steps of the recipe language that only a KVM host has (they are refused before anything runs). */
    private static List<Problem> unsupported(Recipe recipe) {
        List<Problem> problems = []
        recipe.steps.each { Step s ->
            if (s instanceof KernelArgsStep) problems << new Problem(s, 'kernel { } is for KVM hosts; on XCP-ng, dom0 and Xen boot options are set with xen-cmdline, which passthru uses only for xen-pciback.hide')
            if (s instanceof NumaMemoryStep) problems << new Problem(s, "numaMemory is for KVM hosts (libvirt numatune); XCP-ng places a VM's memory from its vCPU mask")
            if (s instanceof HugepageMemoryStep) problems << new Problem(s, 'hugepages in a vm block is for KVM hosts (libvirt memoryBacking); XCP-ng HVM guests do not use dom0 hugepages')
            if (s instanceof PinVcpusStep && ((PinVcpusStep) s).emulator != null) problems << new Problem(s, 'pinVcpus emulator: is for KVM hosts (libvirt emulatorpin); on XCP-ng give the CPUs alone')
        }
        problems
    }

    /** A short account of what lspci lists, nearest the missing address first. */
    private static String listed(Map<PciAddress, String> present, PciAddress missing) {
        List<PciAddress> near = present.keySet().sort { PciAddress a -> Math.abs(a.bus - missing.bus) * 256 + Math.abs(a.slot - missing.slot) }
        List<String> shown = near.take(4).collect { PciAddress a -> "${a} ${present[a].tokenize(':')[0]}".toString() }
        "${present.size()} devices, nearest: ${shown.join('; ')}"
    }
}
