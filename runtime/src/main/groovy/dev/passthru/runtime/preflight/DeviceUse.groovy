package dev.passthru.runtime.preflight

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.DeviceClaim
import dev.passthru.dsl.DeviceStep
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.Step
import dev.passthru.dsl.VmStep
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFunction
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
     * One ERROR for each device that the recipe hides, verifies, attaches or pins near ({@code numaNodeOf}) and
     * lspci does not list: at the first step naming it, with the lines of the other steps that name it too,
     * and the devices lspci does list nearest to its address.
     */
    static List<Finding> missing(List<Step> steps, HostDevices devices) {
        // read even when no step names a device, as recorded tapes expect
        List<PciFunction> present = devices.functions()
        Map<PciAddress, List<Step>> namedBy = new LinkedHashMap<>()
        steps.each { Step s ->
            List<Device> absent = s.requiredDevices().findAll { Device d ->
                d.resolved && devices.function(d.address) == null
            }
            absent.each { Device d ->
                List<Step> by = namedBy.computeIfAbsent(d.address) { new ArrayList<Step>() }
                if (!by.contains(s)) by << s
            }
        }
        namedBy.collect { PciAddress a, List<Step> by ->
            List<Integer> also = by.drop(1).collect { it.location.line }.unique()
            String lines = also ? " (the recipe also names it at line${also.size() == 1 ? '' : 's'} ${also.join(', ')})"
                    : ''
            Finding.error(by[0], "device ${a} is not on this host${lines}",
                    "lspci -nnk -D lists ${present.size()} devices, not ${a}; nearest: ${nearest(present, a)}",
                    'name a device the host has (passthru facts lists them), ' +
                            'or select by id: pci(vendor: ..., device: ...)')
        }
    }

    /** The steps that claim devices for passthrough (hide, verify assignable, attach), in recipe order. */
    static List<Step> claiming(List<Step> steps) {
        steps.findAll { Step s -> s instanceof DeviceStep && ((DeviceStep) s).claim.claims() }
    }

    /** The steps that take devices from the host for passthrough (hide, attach), in recipe order. */
    static List<Step> taking(List<Step> steps) {
        steps.findAll { Step s -> s instanceof DeviceStep && ((DeviceStep) s).claim == DeviceClaim.TAKES }
    }

    /** The listed devices nearest to an address (bus, then slot), as {@code ADDRESS CLASS} for a message. */
    static String nearest(List<PciFunction> present, PciAddress missing) {
        List<PciFunction> near = present.sort(false) { PciFunction f ->
            Math.abs(f.address.bus - missing.bus) * 256 + Math.abs(f.address.slot - missing.slot)
        }
        near.take(4).collect { PciFunction f -> "${f.address} ${f.className}" }.join('; ')
    }

    /**
     * An ERROR for each VF requested together with its PF (the PF's driver owns the VFs; passing both through breaks
     * both).
     */
    static List<Finding> pfWithVfs(Recipe recipe, HostDevices host) {
        Map<PciAddress, Step> requested = [:]
        taking(recipe.steps).each { Step s ->
            Recipe.deviceList(s).findAll { Device d -> d.resolved }.each { Device d ->
                requested.putIfAbsent(d.address, s)
            }
        }
        if (requested.size() < 2) return []
        Map<PciAddress, PciAddress> pf = host.physfns()
        requested.keySet().findAll { PciAddress vf -> pf[vf] != null &&
                requested.containsKey(pf[vf]) }.collect { PciAddress vf ->
            Finding.error(requested[vf], "${vf} is an SR-IOV virtual function of ${pf[vf]}, and the recipe requests " +
                    "both",
                    "sysfs: /sys/bus/pci/devices/${vf}/physfn -> ../${pf[vf]}",
                    "pass through either the PF ${pf[vf]} (the whole card) or its VFs, not both")
        }
    }

    /**
     * For each device an attach (or mirrorTopology) step gives to one VM that another VM already has: ERROR when that
     * VM runs, WARNING when it is halted.
     */
    static List<Finding> attachedElsewhere(Recipe recipe, List<VmDevices> vms) {
        List<Finding> out = []
        recipe.steps.findAll { it instanceof AttachStep || it instanceof MirrorTopologyStep }.each { Step s ->
            VmStep a = (VmStep) s
            ((DeviceStep) s).devices.findAll { Device d -> d.resolved }.each { Device d ->
                vms.findAll { VmDevices v -> v.name != a.vm && v.devices.contains(d.address) }.each { VmDevices v ->
                    String evidence = "${v.source}: VM '${v.name}' has " +
                            "${d.address}${v.running ? ' and is running' : ''}"
                    out << (v.running
                            ? Finding.error(s, "${d.address} is already attached to VM '${v.name}', which is running",
                                    evidence, "stop '${v.name}' and detach ${d.address} from it first")
                            : Finding.warning(s, "${d.address} is also attached to VM '${v.name}' (halted); only one " +
                                    "of the two can run at a time", evidence,
                                    "detach ${d.address} from '${v.name}' unless they take turns"))
                }
            }
        }
        out
    }
}
