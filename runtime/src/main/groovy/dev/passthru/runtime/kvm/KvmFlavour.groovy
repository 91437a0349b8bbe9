package dev.passthru.runtime.kvm

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpupoolStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.NodeAffinityStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.NumaSplitStep
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.UsbDetachStep
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.dsl.VcpusOnNodeStep
import dev.passthru.dsl.XenArgsStep
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.NoVgpuStep
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.dsl.AcsStep
import dev.passthru.dsl.AtsStep
import dev.passthru.dsl.NoAcsStep
import dev.passthru.dsl.NoAtsStep
import dev.passthru.dsl.NodeHugepagesStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.hostprep.KvmAcs
import dev.passthru.runtime.hostprep.KvmAts
import dev.passthru.runtime.hostprep.KvmNoAcs
import dev.passthru.runtime.hostprep.KvmNoAts
import dev.passthru.runtime.hostprep.KvmNodeHugepages
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operations
import groovy.transform.CompileStatic

/**
 * A KVM host with libvirt: devices hidden with vfio-pci.ids on the kernel command line, VMs configured with virsh.
 */
@CompileStatic
class KvmFlavour implements Flavour {
    static final String NAME = 'kvm'
    private final KvmHost host
    private final ActionContext actions
    private final Operations<KvmHost> operations

    KvmFlavour(Facts facts, Set<String> tools,
            Rebooter.Pause pause = { long ms -> Thread.sleep(ms) } as Rebooter.Pause, long stopTimeoutMs = 120_000L) {
        this.host = new KvmHost(facts, tools)
        this.actions = new ActionContext(facts, pause)
        this.operations = operations(stopTimeoutMs)
    }

    /** What the KVM flavour does, by step kind: adding a step kind adds one line here and one operation class. */
    static Operations<KvmHost> operations(long stopTimeoutMs) {
        new Operations<KvmHost>(NAME)
                .on(KernelArgsStep, new KvmKernelArgs())
                .on(HideStep, new KvmHide())
                .on(UnhideStep, new KvmUnhide())
                .on(AssignableStep, new KvmAssignable())
                .on(AttachStep, new KvmAttach())
                .on(DetachStep, new KvmDetach())
                .on(PinVcpusStep, new KvmPin())
                .on(UnpinVcpusStep, new KvmUnpin())
                .on(NumaMemoryStep, new KvmNumaMemory())
                .on(HugepageMemoryStep, new KvmHugepages())
                .on(MirrorTopologyStep, new KvmMirrorTopology())
                .on(NodeHugepagesStep, new KvmNodeHugepages())
                .on(AcsStep, new KvmAcs())
                .on(NoAcsStep, new KvmNoAcs())
                .on(AtsStep, new KvmAts())
                .on(NoAtsStep, new KvmNoAts())
                .on(StartStep, new KvmStart())
                .on(StopStep, new KvmStop(stopTimeoutMs))
                .refuse(XenArgsStep, 'xen { } is for XCP-ng and Xen hosts (xen-cmdline); on KVM, set kernel ' +
                        'arguments with kernel { }')
                .refuse(VgpuStep, 'vgpu is for XCP-ng hosts (XAPI vGPU types); on KVM, attach the whole GPU')
                .refuse(NoVgpuStep, 'noVgpu is for XCP-ng hosts (XAPI vGPU types)')
                .refuse(SupplementalPackStep, 'supplementalPack is for XCP-ng hosts (xe-install-supplemental-pack)')
                .refuse(UsbAttachStep, 'usb in a vm block is for XCP-ng hosts (XAPI VUSBs); on KVM, pass the USB ' +
                        'controller through with attach')
                .refuse(UsbDetachStep, 'detachUsb is for XCP-ng hosts (XAPI VUSBs)')
                .refuse(UsbPolicyStep, 'usbPolicy { } is for XCP-ng hosts (/etc/xensource/usb-policy.conf)')
                .refuse(NumaSplitStep, 'numaSplit() is for Xen and XCP-ng hosts (Xen cpupools); on KVM, pin vCPUs ' +
                        'with pinVcpus numaNodeOf(...) and memory with numaMemory')
                .refuse(CpupoolStep, 'cpupool is for Xen and XCP-ng hosts (xl cpupool-migrate); on KVM, pin vCPUs ' +
                        'with pinVcpus')
                .refuse(VcpusOnNodeStep, 'vcpusOnNode is for Xen and XCP-ng hosts (xl vcpu-list); on KVM, ' +
                        'pinVcpus itself checks the pinning')
                .refuse(NodeAffinityStep, 'nodeAffinity is for Xen and XCP-ng hosts (xl list --numa); on KVM, ' +
                        'numaMemory sets and checks the memory node')
    }

    String name() { NAME }

    Change plan(Step step) { operations.plan(step, host) }

    ActionContext actions() { actions }

    Map<String, Object> facts() { new KvmFactsMap(host).read() }

    /** See {@link KvmPreflight}. */
    Preflight preflight(Recipe recipe) { new KvmPreflight(host).run(recipe) }
}
