package dev.passthru.runtime.xcpng

import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import groovy.transform.CompileStatic

/** What the vGPU and supplemental pack steps read through xe. */
@CompileStatic
final class XcpngGpuFacts {
    private XcpngGpuFacts() {}

    /** Every vGPU type with the pGPUs supporting and enabling it. */
    static final Fact<List<VgpuType>> VGPU_TYPES = CommandFact.output(XcpngGpuCommands.vgpuTypes(),
            { String out -> XcpngGpuOutput.vgpuTypes(out) } as CommandFact.Parses<List<VgpuType>>)

    /** Every pGPU. */
    static final Fact<List<Pgpu>> PGPUS = CommandFact.output(XcpngGpuCommands.pgpus(),
            { String out -> XcpngGpuOutput.pgpus(out) } as CommandFact.Parses<List<Pgpu>>)

    /** Each host's updates that need it rebooted. */
    static final Fact<Map<String, List<String>>> REBOOT_UPDATES = CommandFact.output(
            XcpngGpuCommands.updatesRequiringReboot(),
            { String out -> XcpngGpuOutput.updatesRequiringReboot(out) }
                    as CommandFact.Parses<Map<String, List<String>>>)

    /** The vGPUs of one VM. */
    static Fact<List<VmVgpu>> vmVgpus(String vmUuid) {
        CommandFact.output(XcpngGpuCommands.vmVgpus(vmUuid), { String out -> XcpngGpuOutput.vmVgpus(out) }
                as CommandFact.Parses<List<VmVgpu>>)
    }

    /** How many more vGPUs of a type a GPU group can run now. */
    static Fact<Long> capacity(String groupUuid, String typeUuid) {
        CommandFact.output(XcpngGpuCommands.remainingCapacity(groupUuid, typeUuid),
                { String out -> XcpngGpuOutput.capacity(out) } as CommandFact.Parses<Long>)
    }

    /** The updates with this name-label. */
    static Fact<List<PoolUpdate>> updates(String label) {
        CommandFact.output(XcpngGpuCommands.updates(label), { String out -> XcpngGpuOutput.updates(out) }
                as CommandFact.Parses<List<PoolUpdate>>)
    }
}
