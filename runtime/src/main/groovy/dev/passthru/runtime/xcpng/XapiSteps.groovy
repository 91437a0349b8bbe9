package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.NoVgpuStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.UsbDetachStep
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.runtime.engine.Finding
import groovy.transform.CompileStatic

/**
 * The XCP-ng flavour's steps that go through XAPI (xe: a VM's other-config:pci, VCPUs-params, power), refused on a
 * Xen host without it; hide, unhide, reboot, verify assignable and runtime NUMA (pinVcpus of a running domain, live
 * only; numaSplit, cpupool, vcpusOnNode, nodeAffinity) need only xen-cmdline and xl.
 */
@CompileStatic
final class XapiSteps {
    /** The step kinds whose operations run xe, with the recipe word of each. */
    static final Map<Class<? extends Step>, String> KINDS = Collections.unmodifiableMap([(AttachStep): 'attach',
            (DetachStep): 'detach', (UnpinVcpusStep): 'unpinVcpus', (StartStep): 'start()',
            (StopStep): 'stop()', (VgpuStep): 'vgpu', (NoVgpuStep): 'noVgpu',
            (SupplementalPackStep): 'supplementalPack', (UsbAttachStep): 'usb', (UsbDetachStep): 'detachUsb',
            (UsbPolicyStep): 'usbPolicy'] as LinkedHashMap<Class<? extends Step>, String>)
    /** What a refused step is told. */
    static final String NEEDS_XAPI = 'needs XAPI (xe), which this Xen host does not have'

    private XapiSteps() {}

    /** The recipe's steps that need XAPI, in recipe order. */
    static List<Step> of(Recipe recipe) { recipe.steps.findAll { Step s -> KINDS.containsKey(s.getClass()) } }

    /** One finding per step of the recipe that needs XAPI, for a host without it. */
    static List<Finding> refused(Recipe recipe) {
        of(recipe).collect { Step s ->
            new Finding(s, "${KINDS[s.getClass()]} ${NEEDS_XAPI} (a plain Xen host: hide, unhide, " +
                    'reboot, verify assignable and runtime NUMA run here, through xen-cmdline and xl)')
        }
    }
}
