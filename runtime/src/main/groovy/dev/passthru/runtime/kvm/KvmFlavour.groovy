package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.numa.CpuRow

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.Device
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.HugepageMemoryStep
import dev.passthru.dsl.KernelArgsStep
import dev.passthru.dsl.NumaMemoryStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.VmStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.numa.CpuFacts
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.engine.StepHandler
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** A KVM host with libvirt: devices hidden with vfio-pci.ids on the kernel command line, VMs configured with virsh. */
@CompileStatic
class KvmFlavour implements Flavour {
    static final String NAME = 'kvm'
    private final KvmHost host
    private final Rebooter.Pause pause
    private final long stopTimeoutMs

    KvmFlavour(Transport transport, Set<String> tools,
            Rebooter.Pause pause = { long ms -> Thread.sleep(ms) } as Rebooter.Pause, long stopTimeoutMs = 120_000L) {
        this.host = new KvmHost(new HostShell(transport), tools)
        this.pause = pause
        this.stopTimeoutMs = stopTimeoutMs
    }

    String name() { NAME }

    String bootIdCommand() { command('cat', '/proc/sys/kernel/random/boot_id') }

    String rebootCommand() { command('reboot') }

    StepHandler handler(Step step) {
        switch (step) {
            case KernelArgsStep: return new KernelArgsHandler(host, (KernelArgsStep) step)
            case HideStep: return new VfioHandler(host, ((HideStep) step).devices, true)
            case UnhideStep: return new VfioHandler(host, ((UnhideStep) step).devices, false)
            case AssignableStep: return new VfioAssignableHandler(host, ((AssignableStep) step).devices)
            case AttachStep: return new DomainAttachHandler(host, ((AttachStep) step).vm, ((AttachStep) step).devices,
                    true)
            case DetachStep: return new DomainAttachHandler(host, ((DetachStep) step).vm, ((DetachStep) step).devices,
                    false)
            case PinVcpusStep: return new DomainPinHandler(host, ((PinVcpusStep) step).vm, ((PinVcpusStep) step).cpus,
                    ((PinVcpusStep) step).emulator, ((PinVcpusStep) step).localTo != null)
            case UnpinVcpusStep: return new DomainUnpinHandler(host, ((UnpinVcpusStep) step).vm)
            case NumaMemoryStep: return new DomainNumaHandler(host, ((NumaMemoryStep) step).vm,
                    ((NumaMemoryStep) step).node)
            case HugepageMemoryStep: return new DomainHugepagesHandler(host, ((HugepageMemoryStep) step).vm,
                    ((HugepageMemoryStep) step).enabled)
            case StartStep: return new DomainPowerHandler(host, ((StartStep) step).vm, true, pause, stopTimeoutMs)
            case StopStep: return new DomainPowerHandler(host, ((StopStep) step).vm, false, pause, stopTimeoutMs)
            default: throw new IllegalArgumentException("the kvm flavour has no handler for ${step.class.simpleName}")
        }
    }

    Map<String, Object> facts() {
        HostDevices devices = new HostDevices(host.shell)
        List<PciFunction> fns = devices.functions()
        Map<PciAddress, Integer> groups = devices.groups()
        Map<PciAddress, PciAddress> pfOf = devices.physfns()
        List<CpuRow> cpus = host.cpus()
        Map<String, String> os = host.osRelease()
        Map<String, Object> f = [:]
        f.product = [name: os.NAME, version: os.VERSION_ID, pretty: os.PRETTY_NAME, kernel: host.kernelRelease()]
        f.kernelCmdline = host.runningCmdline().join(' ')
        f.iommu = [on: !groups.isEmpty(), evidence: host.iommuMessages().collect { it.replaceFirst(/^\[[ 0-9.]+\] /,
                '') }]
        f.cpus = CpuFacts.of(cpus)
        f.pci = fns.collect { PciFunction p ->
            [address: p.address.toString(), classId: p.classId, className: p.className, ids: p.ids(),
                    description: p.description,
             driver: p.driver, modules: p.modules, numaNode: devices.numaNode(p.address), iommuGroup: groups[p.address],
             groupMembers: groups[p.address] == null ? []
                     : groups.findAll { k, v -> v == groups[p.address] && k != p.address }.keySet()*.toString(),
             physfn: pfOf[p.address]?.toString(), virtfns: pfOf.findAll { k, v -> v == p.address }.keySet()*.toString()]
        }
        f.vms = 'virsh' in host.tools ? host.domains().collect { String vm ->
            String xml = host.domainXml(vm)
            Pinning pins = DomainXml.pinning(xml)
            [name: vm, state: host.state(vm), hostdevs: DomainXml.hostdevs(xml)*.toString(),
                    vcpupin: pins.vcpus.collect { Integer v, String c -> "${v}:${c}".toString() }]
        } : []
        f
    }

    /** See {@link KvmPreflight}. */
    Preflight preflight(Recipe recipe) { new KvmPreflight(host).run(recipe) }
}
