package dev.passthru.runtime.xcpng

import dev.passthru.dsl.VgpuStep
import dev.passthru.runtime.facts.Facts
import groovy.transform.CompileStatic

/** An XCP-ng host's GPUs as XAPI sees them (typed reads through the run's facts), and where a vGPU step can go. */
@CompileStatic
final class XcpngGpus {
    private final Facts facts

    XcpngGpus(Facts facts) { this.facts = facts }

    /** Every vGPU type XAPI has. */
    List<VgpuType> types() { facts.read(XcpngGpuFacts.VGPU_TYPES) }

    /** Every pGPU XAPI lists. */
    List<Pgpu> pgpus() { facts.read(XcpngGpuFacts.PGPUS) }

    /** The vGPUs of one VM. */
    List<VmVgpu> vgpusOf(String vmUuid) { facts.read(XcpngGpuFacts.vmVgpus(vmUuid)) }

    /** How many more vGPUs of a type a GPU group can run now. */
    long capacity(String groupUuid, String typeUuid) { facts.read(XcpngGpuFacts.capacity(groupUuid, typeUuid)) }

    /** The updates (installed packs) with this name-label. */
    List<PoolUpdate> updates(String label) { facts.read(XcpngGpuFacts.updates(label)) }

    /** Each host's updates that need it rebooted (XAPI clears the list when the host boots). */
    Map<String, List<String>> updatesRequiringReboot() { facts.read(XcpngGpuFacts.REBOOT_UPDATES) }

    /** The vGPU type with this model name, or null when the host has none. */
    VgpuType type(String modelName) { types().find { VgpuType t -> t.modelName == modelName } }

    /** The pGPUs the step may use ({@code gpu:}, {@code group:} or any) that support the type. */
    List<Pgpu> supporting(VgpuStep step, VgpuType type) {
        allowed(step).findAll { Pgpu p -> type.uuid in p.supportedTypes }
    }

    /** Of those, the pGPUs that enable the type, in xe's order. */
    List<Pgpu> enabling(VgpuStep step, VgpuType type) {
        supporting(step, type).findAll { Pgpu p -> type.uuid in p.enabledTypes }
    }

    /** The pGPUs the step names with gpu: or group:, or all. */
    List<Pgpu> allowed(VgpuStep step) {
        pgpus().findAll { Pgpu p ->
            (!step.gpus || p.pciId in step.gpus*.address) && (step.group == null || p.groupName == step.group)
        }
    }

    /** The VM's vGPUs of the type, in a group the step allows. */
    List<VmVgpu> existing(VgpuStep step, VgpuType type, String vmUuid) {
        Set<String> groups = allowed(step)*.groupUuid.toSet()
        vgpusOf(vmUuid).findAll { VmVgpu v -> v.typeUuid == type.uuid && v.groupUuid in groups }
    }
}
