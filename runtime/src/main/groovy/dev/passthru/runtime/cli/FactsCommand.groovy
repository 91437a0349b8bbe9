package dev.passthru.runtime.cli

import dev.passthru.runtime.detect.Detection
import dev.passthru.runtime.detect.FlavourDetection
import dev.passthru.runtime.facts.FactCache
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.pcie.PcieFactsMap
import dev.passthru.runtime.engine.Rebooter
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.transport.TransportException
import groovy.json.JsonOutput
import dev.passthru.dsl.FlavourName
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable

/**
 * Reads what a host is (changes nothing): PCI devices with ids, drivers and IOMMU groups, CPUs, IOMMU, command line,
 * VMs.
 */
@CompileStatic
@Command(name = 'facts', mixinStandardHelpOptions = true, description = 'Show what the host is: PCI devices (ids, ' +
        'class, driver, IOMMU group), CPUs, IOMMU, kernel command line, VMs. Changes nothing. With --inventory, ' +
        'every host of the inventory.')
class FactsCommand implements Callable<Integer> {
    @ParentCommand
    Main main

    @Mixin
    HostOptions host = new HostOptions()

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions()

    @Option(names = '--json', description = 'Print JSON instead of a table (with --inventory: one object keyed by ' +
            'host).')
    boolean json

    @Mixin
    FleetOptions fleet = new FleetOptions()

    @Option(names = '--flavour', paramLabel = 'xcpng|kvm', description = 'The kind of host, instead of detecting it.')
    String flavour

    Integer call() {
        FlavourName wanted = Hosts.flavour(flavour)
        if (fleet.inventory) return new FleetCli(main, host, fleet).run(new FactsFleetTask(wanted, json))
        Transport t = verbosity.open(host, main)
        try {
            Detection f = new FlavourDetection(new Facts(t), wanted, { long ms -> } as Rebooter.Pause).detect(null)
            if (!f.decided) { main.err.println("error: host ${t.label()}: ${f.reason}"); return 2 }
            Map<String, Object> facts = new LinkedHashMap<String, Object>()
            facts.host = t.label()
            facts.putAll(f.facts())
            main.out.println(json ? JsonOutput.prettyPrint(JsonOutput.toJson(facts)) : table(facts))
            0
        } catch (TransportException | dev.passthru.runtime.engine.StepFailedException e) {
            main.err.println("error: host ${t.label()}: ${e.message}")
            2
        } finally {
            t.close()
        }
    }

    /**
     * A readable table: a header (product, command line, IOMMU, CPUs and NUMA nodes), one line per PCI function, then
     * the VMs.
     */
    static String table(Map<String, Object> f) {
        StringBuilder b = new StringBuilder()
        Map product = (Map) f.product
        b << "host     ${f.host}\nflavour  ${f.flavour} (${f.chosen})\n"
        if (product) {
            String version = product.kernel ? '(kernel ' + product.kernel + ')'
                    : product.xen ? '(Xen ' + product.xen + ')' : ''
            b << "product  ${product.pretty ?: product.name} ${version}\n"
        }
        if (f.kernelCmdline != null) b << "cmdline  ${f.kernelCmdline}\n"
        if (f.iommu instanceof Map) b << "iommu    ${((Map) f.iommu).on ? 'on' : 'off'}" +
                "${((Map) f.iommu).evidence ? ' (' + ((List) ((Map) f.iommu).evidence).first() + ')' : ''}\n"
        Map cpus = (Map) f.cpus
        b << "cpus     ${cpus.count}, ${cpus.sockets} socket${cpus.sockets == 1 ? '' : 's'}, ${cpus.cores} cores\n"
        ((Map) cpus.nodeCpus).each { node, list ->
            b << "node ${node}   CPUs " +
                    "${dev.passthru.dsl.CpuList.ranges(new TreeSet<Integer>((Collection<Integer>) list))}\n"
        }
        b << '\n'
        List<Map> pci = (List<Map>) f.pci
        boolean kvm = f.flavour == 'kvm'
        String fmt = '%-13s %-10s %-6s %-14s %-5s %-9s %s%n'
        b << String.format(fmt, 'address', 'ids', 'class', 'driver', 'node', kvm ? 'group' : 'hidden', 'description')
        pci.each { Map p ->
            String sriov = p.physfn ? " (VF of ${p.physfn})" : p.virtfns ? " (PF of ${((List) p.virtfns).size()} VFs)"
                    : ''
            String state = kvm ? (p.iommuGroup == null ? '-' : "${p.iommuGroup}")
                    : (p.hidden ? (p.assignable ? 'yes' : 'next boot') : '-')
            b << String.format(fmt, p.address, p.ids, p.classId, p.driver ?: '-', p.numaNode == -1 ? '-' : p.numaNode,
                    state, "${p.className}: ${p.description}${sriov}")
        }
        if (f.pcie instanceof Map) b << '\n' << PcieFactsMap.table((Map<String, Object>) f.pcie)
        List<Map> vms = (List<Map>) f.vms
        if (vms) {
            b << '\n'
            vms.each { Map v ->
                List devices = (List) (v.hostdevs ?: v.pci)
                String mask = v.vcpupin ? ((List) v.vcpupin).join(' ') : v.mask
                b << "vm       ${v.name} (${v.state})${devices ? ', devices ' + devices.join(', ') : ''}" +
                        "${mask ? ', pinned ' + mask : ''}\n"
            }
        }
        b.toString().trim()
    }
}
