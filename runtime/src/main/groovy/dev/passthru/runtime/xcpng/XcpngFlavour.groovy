package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AcsStep
import dev.passthru.dsl.AtsStep
import dev.passthru.dsl.NoAcsStep
import dev.passthru.dsl.NoAtsStep
import dev.passthru.dsl.NodeHugepagesStep
import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpupoolStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NoVgpuStep
import dev.passthru.dsl.NodeAffinityStep
import dev.passthru.dsl.MirrorTopologyStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.NumaSplitStep
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.SupplementalPackStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.VgpuStep
import dev.passthru.dsl.UsbAttachStep
import dev.passthru.dsl.UsbDetachStep
import dev.passthru.dsl.UsbPolicyStep
import dev.passthru.dsl.VcpusOnNodeStep
import dev.passthru.dsl.XenArgsStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.operation.ActionContext
import dev.passthru.runtime.operation.Change
import dev.passthru.runtime.operation.Operations
import dev.passthru.runtime.xcpng.usb.XcpngUsbAttach
import dev.passthru.runtime.xcpng.usb.XcpngUsbDetach
import dev.passthru.runtime.xcpng.usb.XcpngUsbPolicy
import groovy.transform.CompileStatic

/** XCP-ng 8.x: devices hidden through xen-cmdline / xen-pciback, VMs configured through xe. */
@CompileStatic
class XcpngFlavour implements Flavour {
    static final String NAME = 'xcpng'
    /** What the XCP-ng flavour does, by step kind: adding a step kind adds one line here and one operation class. */
    static final Operations<XcpngHost> OPERATIONS = new Operations<XcpngHost>(NAME)
            .on(HideStep, new XcpngHide())
            .on(UnhideStep, new XcpngUnhide())
            .on(AssignableStep, new XcpngAssignable())
            .on(AttachStep, new XcpngAttach())
            .on(DetachStep, new XcpngDetach())
            .on(PinVcpusStep, new XcpngPin())
            .on(UnpinVcpusStep, new XcpngUnpin())
            .on(StartStep, new XcpngStart())
            .on(StopStep, new XcpngStop())
            .on(XenArgsStep, new XcpngXenArgs())
            .on(VgpuStep, new XcpngVgpu())
            .on(NoVgpuStep, new XcpngNoVgpu())
            .on(SupplementalPackStep, new XcpngSupplementalPack())
            .on(UsbAttachStep, new XcpngUsbAttach())
            .on(UsbDetachStep, new XcpngUsbDetach())
            .on(UsbPolicyStep, new XcpngUsbPolicy())
            .on(NumaSplitStep, new XcpngNumaSplit())
            .on(CpupoolStep, new XcpngCpupool())
            .on(VcpusOnNodeStep, new XcpngVcpusOnNode())
            .on(NodeAffinityStep, new XcpngNodeAffinity())
            .refuse(KernelArgsStep, "kernel { } is for KVM hosts; on XCP-ng, set Xen's and dom0's boot options " +
                    "with xen { } (xen-cmdline): xen { arg 'extra_guest_irqs=128'; dom0Arg 'pci=nomsi' }")
            .refuse(NumaMemoryStep, "numaMemory is for KVM hosts (libvirt numatune); XCP-ng places a VM's memory " +
                    'from its vCPU mask')
            .refuse(HugepageMemoryStep, 'hugepages in a vm block is for KVM hosts (libvirt memoryBacking); XCP-ng ' +
                    'HVM guests do not use dom0 hugepages')
            .refuse(MirrorTopologyStep, 'mirrorTopology is for KVM hosts (libvirt pcie-expander-bus and NUMA cells); ' +
                    'on XCP-ng, attach the devices')
            .refuse(NodeHugepagesStep, 'hugepages N, node: is for KVM hosts (a boot-time unit writes the node\'s ' +
                    'nr_hugepages); Xen gives guests its own memory, not dom0 hugepages')
            .refuse(AcsStep, 'acs { } is for KVM hosts (setpci from a boot-time systemd unit)')
            .refuse(NoAcsStep, 'noAcs is for KVM hosts (the ACS unit acs { } installs)')
            .refuse(AtsStep, 'ats is for KVM hosts (lspci ATSCtl, mlxconfig)')
            .refuse(NoAtsStep, 'noAts is for KVM hosts (the ATS setting ats ..., enable: true changed)')
    private final XcpngHost host
    private final ActionContext actions

    XcpngFlavour(Facts facts, Rebooter.Pause pause = { long ms -> Thread.sleep(ms) } as Rebooter.Pause) {
        this.host = new XcpngHost(facts)
        this.actions = new ActionContext(facts, pause)
    }

    String name() { NAME }

    Change plan(Step step) { OPERATIONS.plan(step, host) }

    ActionContext actions() { actions }

    /** See {@link XcpngPreflight}. */
    Preflight preflight(Recipe recipe) { new XcpngPreflight(host, OPERATIONS).run(recipe) }

    Map<String, Object> facts() { new XcpngFactsMap(host).read() }
}
