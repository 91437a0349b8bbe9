package dev.passthru.runtime.xcpng

import dev.passthru.dsl.AssignableStep
import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.DetachStep
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.HideStep
import dev.passthru.dsl.UnpinVcpusStep
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.Recipe
import dev.passthru.dsl.StartStep
import dev.passthru.dsl.Step
import dev.passthru.dsl.StopStep
import dev.passthru.dsl.UnhideStep
import dev.passthru.runtime.engine.Flavour
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.Preflight
import dev.passthru.runtime.numa.CpuFacts
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFunction
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
            case UnpinVcpusStep: return new UnpinHandler(host, ((UnpinVcpusStep) step).vm)
            case StartStep: return new PowerHandler(host, ((StartStep) step).vm, true)
            case StopStep: return new PowerHandler(host, ((StopStep) step).vm, false)
            default: throw new IllegalArgumentException("the xcpng flavour has no handler for ${step.class.simpleName}")
        }
    }

    /** See {@link XcpngPreflight}. */
    Preflight preflight(Recipe recipe) { new XcpngPreflight(host).run(recipe) }

    Map<String, Object> facts() {
        String xl = host.xlInfoNuma()
        HostDevices devices = new HostDevices(host.shell(), { XcpngOutput.deviceTopology(xl) })
        Map<String, String> info = XcpngOutput.xlInfo(xl)
        Map<String, String> os = host.osRelease()
        List<PciAddress> hidden = host.hiddenConfigured()
        List<PciAddress> assignable = host.assignable()
        Map<PciAddress, PciAddress> pfOf = devices.physfns()
        Map<String, Object> f = [:]
        f.product = [name: os.NAME, version: os.VERSION_ID, pretty: os.PRETTY_NAME, xen: info['xen_version']]
        f.kernelCmdline = info['xen_commandline']
        f.iommu = [on: XcpngOutput.iommuOn(info), evidence: ["virt_caps : ${info['virt_caps']}".toString()]]
        f.cpus = CpuFacts.of(XcpngOutput.cpuTopology(xl))
        f.pci = devices.functions().collect { PciFunction p ->
            [address: p.address.toString(), classId: p.classId, className: p.className, ids: p.ids(),
                    description: p.description,
             driver: p.driver, modules: p.modules, numaNode: devices.numaNode(p.address),
                     hidden: hidden.contains(p.address), assignable: assignable.contains(p.address),
             physfn: pfOf[p.address]?.toString(), virtfns: pfOf.findAll { k, v -> v == p.address }.keySet()*.toString()]
        }
        f.vms = host.vmRecords().collect { Map<String, String> r ->
            [name: r['name-label'], state: r['power-state'], uuid: r['uuid'],
             pci: XcpngOutput.pciEntries(XcpngOutput.xeMap(r['other-config'] ?: '')['pci'])*.address*.toString(),
             mask: XcpngOutput.xeMap(r['VCPUs-params'] ?: '')['mask'] ?: null]
        }
        f
    }
}
