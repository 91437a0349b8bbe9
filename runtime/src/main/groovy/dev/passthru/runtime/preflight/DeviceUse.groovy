package dev.passthru.runtime.preflight

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.pci.HostDevices
import groovy.transform.CompileStatic

/**
 * Checks on how a recipe uses devices that hold on every flavour: an SR-IOV PF and one of its VFs
 * both requested, and a device the recipe attaches that another VM already has.
 */
@CompileStatic
final class DeviceUse {
    private DeviceUse() {}

    /** A VM as the host lists it: its name, whether it is running, and the PCI devices it is configured with. */
    static final class VmDevices {
        final String name
        final boolean running
        final List<PciAddress> devices
        /** The command that listed it, for evidence. */
        final String source

        VmDevices(String name, boolean running, List<PciAddress> devices, String source) {
            this.name = name
            this.running = running
            this.devices = List.copyOf(devices)
            this.source = source
        }
    }

    /**
     * An ERROR for each device the recipe hides, verifies, attaches or pins near ({@code numaNodeOf}) that
     * lspci does not list; {@code listed} says what it does list, as the flavour shows it.
     */
    static List<Finding> missing(List<Step> steps, HostDevices devices, Closure<String> listed) {
        steps.findAll { it instanceof HideStep || it instanceof AssignableStep || it instanceof AttachStep || (it instanceof PinVcpusStep && ((PinVcpusStep) it).localTo) }.collectMany { Step s ->
            List<Device> named = s instanceof PinVcpusStep ? ((PinVcpusStep) s).localTo : Recipe.deviceList(s)
            named.findAll { Device d -> d.resolved && devices.function(d.address) == null }.collect { Device d ->
                new Finding(s, "device ${d.address} is not on this host (${listed.call(d.address)})")
            }
        }
    }

    /** An ERROR for each VF requested together with its PF (the PF's driver owns the VFs; passing both through breaks both). */
    static List<Finding> pfWithVfs(Recipe recipe, HostDevices host) {
        Map<PciAddress, Step> requested = [:]
        recipe.steps.findAll { it instanceof HideStep || it instanceof AttachStep }.each { Step s ->
            Recipe.deviceList(s).findAll { Device d -> d.resolved }.each { Device d -> requested.putIfAbsent(d.address, s) }
        }
        if (requested.size() < 2) return []
        Map<PciAddress, PciAddress> pf = host.physfns()
        requested.keySet().findAll { PciAddress vf -> pf[vf] != null && requested.containsKey(pf[vf]) }.collect { PciAddress vf ->
            Finding.error(requested[vf], "${vf} is an SR-IOV virtual function of ${pf[vf]}, and the recipe requests both",
                    "sysfs: /sys/bus/pci/devices/${vf}/physfn -> ../${pf[vf]}",
                    "pass through either the PF ${pf[vf]} (the whole card) or its VFs, not both")
        }
    }

    /** For each device an attach step gives to one VM that another VM already has: ERROR when that VM runs, WARNING when it is halted. */
    static List<Finding> attachedElsewhere(Recipe recipe, List<VmDevices> vms) {
        List<Finding> out = []
        recipe.steps.findAll { it instanceof AttachStep }.each { Step s ->
            AttachStep a = (AttachStep) s
            a.devices.findAll { Device d -> d.resolved }.each { Device d ->
                vms.findAll { VmDevices v -> v.name != a.vm && v.devices.contains(d.address) }.each { VmDevices v ->
                    String evidence = "${v.source}: VM '${v.name}' has ${d.address}${v.running ? ' and is running' : ''}"
                    out << (v.running
                            ? Finding.error(s, "${d.address} is already attached to VM '${v.name}', which is running", evidence, "stop '${v.name}' and detach ${d.address} from it first")
                            : Finding.warning(s, "${d.address} is also attached to VM '${v.name}' (halted); only one of the two can run at a time", evidence, "detach ${d.address} from '${v.name}' unless they take turns"))
                }
            }
        }
        out
    }
}
