package dev.passthru.runtime.numa

import dev.passthru.dsl.AttachStep
import dev.passthru.dsl.CpuList
import dev.passthru.dsl.Device
import dev.passthru.dsl.PciAddress
import dev.passthru.dsl.PinVcpusStep
import dev.passthru.dsl.Step
import dev.passthru.runtime.engine.Finding
import groovy.transform.CompileStatic

/**
 * NUMA placement of pinned VMs, like Nova's PCI NUMA affinity policies: fills in {@code numaNodeOf}
 * CPU lists from the devices' nodes, and checks every pinning of a VM against the nodes of the devices
 * the recipe attaches to it. {@code required}: every pinned CPU on a device's node, and a device whose
 * node the host does not report is refused; {@code socket}: on the same socket is enough;
 * {@code preferred}: a mismatch is a warning. A host with one NUMA node always agrees.
 */
@CompileStatic
class NumaPlacement {
    private final List<CpuRow> cpus
    private final Closure<Integer> nodeOf
    /**
     * Where the device nodes come from, for evidence (e.g. {@code grep -H . /sys/bus/pci/devices/*}{@code /numa_node}).
     */
    private final String nodeSource
    final List<Finding> findings = []

    NumaPlacement(List<CpuRow> cpus, Closure<Integer> nodeOf, String nodeSource) {
        this.cpus = cpus
        this.nodeOf = nodeOf
        this.nodeSource = nodeSource
    }

    /** True when there is more than one node to disagree about. */
    boolean isMultiNode() { cpus*.node.unique().size() > 1 }

    /** The node of a device; on a one-node host that node, whatever the firmware says. */
    int node(PciAddress a) { multiNode ? nodeOf.call(a) : cpus[0].node }

    /**
     * The steps with every {@code numaNodeOf} pinning given its CPUs (or kept pending, with a finding, when the node is
     * unknown).
     */
    List<Step> resolve(List<Step> steps) {
        steps.collect { Step s ->
            if (!(s instanceof PinVcpusStep) || !((PinVcpusStep) s).pending) return s
            PinVcpusStep p = (PinVcpusStep) s
            if (!p.localTo.every { it.resolved }) return s
            List<PciAddress> devices = p.localTo*.address
            List<PciAddress> unknown = devices.findAll { node(it) < 0 }
            if (unknown) {
                String msg = "numaNodeOf(${unknown.join(', ')}): the host does not say which NUMA node " +
                        "${unknown.size() == 1 ? 'this device is' : 'these devices are'} on (numa_node is -1)"
                if (p.policy == 'preferred') {
                    findings << Finding.warning(p, "${msg}; policy 'preferred' pins to all ${cpus.size()} host CPUs",
                            evidence(unknown[0]), 'check the firmware (ACPI _PXM) or give the CPUs by number')
                    return p.withCpus(cpus*.cpu, p.localTo)
                }
                findings << Finding.error(p, msg, evidence(unknown[0]),
                        "give the CPUs by number, or policy: 'preferred' to pin to every CPU")
                return s
            }
            Set<Integer> nodes = devices.collect { node(it) }.toSet()
            p.withCpus(cpus.findAll { it.node in nodes }*.cpu, p.localTo)
        }
    }

    /**
     * Findings for pinnings whose CPUs are not on the NUMA node of a device the recipe attaches to the same VM.
     * The host's CPUs are walked, not the pinning's (which may name CPUs the host does not have, refused elsewhere).
     */
    void check(List<Step> steps) {
        if (!multiNode) return
        Map<String, List<PciAddress>> attached = [:]
        steps.findAll { it instanceof AttachStep }.each { Step s ->
            AttachStep a = (AttachStep) s
            attached.computeIfAbsent(a.vm) { [] }.addAll(a.devices.findAll { Device d -> d.resolved }*.address)
        }
        steps.findAll { it instanceof PinVcpusStep && !((PinVcpusStep) it).pending }.each { Step s ->
            PinVcpusStep p = (PinVcpusStep) s
            List<PciAddress> devices = attached[p.vm] ?: []
            if (!devices) return
            devices.each { PciAddress a ->
                int n = node(a)
                if (n < 0) {
                    if (p.policy != 'preferred' && p.localTo == null) {
                        findings << Finding.error(p, "the host does not say which NUMA node ${a} is on (numa_node is " +
                                "-1), so policy '${p.policy}' cannot hold", evidence(a),
                                "policy: 'preferred', or check the firmware's ACPI proximity (_PXM) tables")
                    }
                    return
                }
                List<Integer> wrong
                String where
                if (p.policy == 'socket') {
                    Set<Integer> sockets = cpus.findAll { it.node == n }*.socket.toSet()
                    wrong = cpus.findAll { CpuRow r -> p.cpus.contains(r.cpu) && !(r.socket in sockets) }*.cpu
                    where = "socket ${sockets.join(', ')}"
                } else {
                    wrong = cpus.findAll { CpuRow r -> p.cpus.contains(r.cpu) && r.node != n }*.cpu
                    where = "node ${n}"
                }
                if (!wrong) return
                String local = CpuList.ranges(new TreeSet<Integer>(cpus.findAll { it.node == n }*.cpu))
                String msg = "host CPUs ${CpuList.ranges(new TreeSet<Integer>(wrong))} are not on ${where}, where " +
                        "${a} (attached to VM '${p.vm}') is"
                String fix = "pin to node ${n}'s CPUs (${local}) or write pinVcpus numaNodeOf(...)" +
                        "${p.policy == 'preferred' ? '' : ", or policy: 'preferred' to accept remote memory access"}"
                findings << new Finding(p.policy == 'preferred' ? Finding.Severity.WARNING : Finding.Severity.ERROR, p,
                        msg, evidence(a), fix)
            }
        }
    }

    private String evidence(PciAddress a) { "${nodeSource}: ${a} node ${nodeOf.call(a)}".toString() }
}
