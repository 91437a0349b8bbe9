package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
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
        List<Problem> problems = []
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

    /** A short account of what lspci lists, nearest the missing address first. */
    private static String listed(Map<PciAddress, String> present, PciAddress missing) {
        List<PciAddress> near = present.keySet().sort { PciAddress a -> Math.abs(a.bus - missing.bus) * 256 + Math.abs(a.slot - missing.slot) }
        List<String> shown = near.take(4).collect { PciAddress a -> "${a} ${present[a].tokenize(':')[0]}".toString() }
        "${present.size()} devices, nearest: ${shown.join('; ')}"
    }
}
