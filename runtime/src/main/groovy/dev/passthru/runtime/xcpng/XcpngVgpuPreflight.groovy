package dev.passthru.runtime.xcpng

import dev.passthru.dsl.HideStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.VgpuStep
import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.vm.VmPower
import groovy.transform.CompileStatic

/**
 * The vgpu steps' checks before any change, one finding each: NVIDIA vGPU types (not on XCP-ng), a type the host does
 * not have or no pGPU enables, no capacity left in the group, a whole GPU dom0 still uses, the host's system display
 * device, and a running VM the recipe neither stops nor lets halt. A type a supplemental pack earlier in the recipe
 * brings is checked by the step itself, after the pack's reboot.
 */
@CompileStatic
final class XcpngVgpuPreflight {
    /** XCP-ng's guide: NVIDIA vGPU needs NVIDIA's host driver, a proprietary XenServer component. */
    static final String NVIDIA = 'NVIDIA vGPU needs NVIDIA\'s vGPU manager, a proprietary XenServer component that ' +
            'XCP-ng does not have: NVIDIA vGPU types are not supported on XCP-ng'
    /** NVIDIA's vGPU profile names: GRID M60-2Q, A16-4Q, T4-8C, L40S-12A ... (NVIDIA vGPU user guide). */
    private static final String NVIDIA_PROFILE = /(?i)(nvidia|grid)\b.*|[A-Z]+\d+[A-Z]*-\d+[QABC]/

    private final XcpngHost host
    private final XcpngGpus gpus

    XcpngVgpuPreflight(XcpngHost host) {
        this.host = host
        this.gpus = new XcpngGpus(host.facts)
    }

    /** One finding per problem of the recipe's vgpu steps. */
    List<Finding> check(Recipe recipe) {
        List<Finding> out = []
        recipe.steps.eachWithIndex { Step s, int i ->
            if (s instanceof VgpuStep) {
                Finding f = checkStep((VgpuStep) s, recipe.steps.take(i))
                if (f != null) out << f
            }
        }
        out
    }

    private Finding checkStep(VgpuStep step, List<Step> before) {
        VgpuType type = gpus.type(step.type)
        if (step.type ==~ NVIDIA_PROFILE || type?.vendorName?.startsWith('NVIDIA')) {
            return Finding.error(step, "vgpu '${step.type}': ${NVIDIA}", 'XCP-ng guide, Compute > vGPU',
                    "pass the whole GPU instead: hide it, reboot(), then vgpu type: '${VgpuStep.PASSTHROUGH}'")
        }
        if (type == null) {
            if (before.any { it instanceof SupplementalPackStep }) return null
            return Finding.error(step, VgpuMessages.noType(step.type, gpus.types()), XcpngGpuCommands.vgpuTypes(),
                    'name one of these types; AMD MxGPU types appear once their supplemental pack is installed and ' +
                            'the host rebooted (supplementalPack, reboot())')
        }
        List<Pgpu> allowed = gpus.allowed(step)
        if (!allowed && (step.gpus || step.group != null)) {
            String named = step.gpus ? "${step.gpus.join(', ')} is not a GPU XAPI lists" : "no GPU group is named " +
                    "'${step.group}'"
            return Finding.error(step, "vgpu: ${named}", "${XcpngGpuCommands.pgpus()}: " +
                    gpus.pgpus().collect { Pgpu p -> "${p.pciId} in '${p.groupName}'" }.join(', '),
                    'name one of these GPUs (gpu:) or groups (group:)')
        }
        if (!gpus.supporting(step, type)) {
            return Finding.error(step, "no GPU here supports vGPU type '${type.modelName}'",
                    "xe vgpu-type-list: supported-on-PGPUs ${type.supportedOnPgpus.join('; ') ?: '(none)'}",
                    'pass a GPU that supports it, or another type')
        }
        List<Pgpu> enabling = gpus.enabling(step, type)
        if (!enabling) {
            Pgpu p = gpus.supporting(step, type)[0]
            return Finding.error(step, VgpuMessages.notEnabled(step, type),
                    "xe pgpu-list: ${p.pciId} enabled-VGPU-types ${p.enabledTypes.join('; ') ?: '(none)'}",
                    "xe pgpu-param-add uuid=${p.uuid} param-name=enabled-VGPU-types param-key=${type.uuid}")
        }
        Pgpu target = enabling[0]
        if (step.passthrough) {
            Finding f = wholeGpu(step, target, before)
            if (f != null) return f
        }
        String vm = vmUuid(step.vm)
        if (vm == null) return null
        VmPower power = host.power(vm)
        boolean has = gpus.existing(step, type, vm)
        boolean stoppedEarlier = before.any { it instanceof StopStep && ((StopStep) it).vm == step.vm }
        if (!has && power.kind != VmPower.Kind.STOPPED && !stoppedEarlier && !(power.running && step.halt)) {
            return Finding.error(step, HaltedVmChange.refusal(step.vm, power, 'xe vgpu-create'),
                    "${XcpngCommands.vmParamGet(vm, 'power-state')}: ${power}",
                    'stop() before this line, or halt: true')
        }
        if (has && power.running) return null
        long left = gpus.capacity(target.groupUuid, type.uuid)
        if (left < 1) {
            return Finding.error(step, "no capacity left for vGPU type '${type.modelName}' in '${target.groupName}': " +
                    "the VM would not start (VM_REQUIRES_${step.passthrough ? 'GPU' : 'VGPU'})",
                    "${XcpngGpuCommands.remainingCapacity(target.groupUuid, type.uuid)}: ${left}",
                    'free one: noVgpu in the VM that holds it (stopped), or pick another GPU')
        }
        null
    }

    /** A whole GPU: not the host's console, and hidden from dom0 (or hidden and rebooted earlier in the recipe). */
    private static Finding wholeGpu(VgpuStep step, Pgpu p, List<Step> before) {
        if (p.systemDisplay) {
            return Finding.error(step, "${p.pciId} is the host's system display device (its console): XAPI passes " +
                    'it through only with the host display disabled and the GPU hidden from dom0',
                    "xe pgpu-list: ${p.pciId} is-system-display-device: true",
                    'pass another GPU (gpu:), or disable the host display (xe host-disable-display) and hide it, ' +
                            'then reboot')
        }
        boolean hiddenEarlier = before.any { Step s ->
            s instanceof HideStep && ((HideStep) s).devices.any { it.address == p.pciId }
        }
        if (!p.releasedByDom0() && !hiddenEarlier) {
            return Finding.error(step, "${p.pciId} is still in dom0's use (dom0-access ${p.dom0Access}): XCP-ng " +
                    'passes a whole GPU through only once it is hidden from dom0',
                    "xe pgpu-list: ${p.pciId} dom0-access: ${p.dom0Access}",
                    "hide pci('${p.pciId}') and reboot() before this line")
        }
        null
    }

    private String vmUuid(String vm) {
        List<String> found = host.vmUuids(vm)
        found.size() == 1 ? found[0] : null
    }
}
