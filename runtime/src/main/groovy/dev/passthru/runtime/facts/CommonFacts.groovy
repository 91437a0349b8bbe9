package dev.passthru.runtime.facts

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.pci.Lspci
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pci.PciSysfs
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.numa.NodeSysfs
import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/** The facts both flavours read the same way (a KVM host and XCP-ng's dom0 are both Linux with pciutils). */
@CompileStatic
final class CommonFacts {
    private CommonFacts() {}

    /** Commands passthru may drive, probed once; POSIX {@code command -v} takes one name, hence one call per tool. */
    static final List<String> TOOL_NAMES = ['xe', 'xl', 'virsh', 'update-grub', 'grubby', 'proxmox-boot-tool',
            'update-initramfs', 'dracut']

    /** The tools found (their names); the exit status is not used. */
    static final Fact<Set<String>> TOOLS = CommandFact.of(
            "for t in ${TOOL_NAMES.join(' ')}; do command -v \$t; done".toString(),
            { CommandResult r -> KvmOutput.commandsFound(r.stdout) } as CommandFact.Reads<Set<String>>)
            .forTheRun()

    /** /etc/os-release as a map; empty when the file cannot be read. */
    static final Fact<Map<String, String>> OS_RELEASE = CommandFact.of(command('cat', '/etc/os-release'),
            { CommandResult r -> r.exit == 0 ? KvmOutput.osRelease(r.stdout) : [:] as Map<String, String> }
                    as CommandFact.Reads<Map<String, String>>).forTheRun()

    /** The current boot's id (the rebooter reads it fresh: it is how a reboot is told). */
    static final Fact<String> BOOT_ID = CommandFact.output(command('cat', '/proc/sys/kernel/random/boot_id'),
            { String out -> out.trim() } as CommandFact.Parses<String>).untilReboot()

    /** Every PCI function with ids, class, driver and modules (lspci -nnk -D). */
    static final Fact<List<PciFunction>> PCI_FUNCTIONS = CommandFact.output(PciCommands.lspci(),
            { String out -> Lspci.parse(out) } as CommandFact.Parses<List<PciFunction>>)

    /** Device to IOMMU group; empty when the IOMMU is off (or, in XCP-ng's dom0, not shown to Linux). */
    static final Fact<Map<PciAddress, Integer>> IOMMU_GROUPS = CommandFact.output(
            PciCommands.iommuGroups(),
            { String out -> PciSysfs.iommuGroups(out) } as CommandFact.Parses<Map<PciAddress, Integer>>).untilReboot()

    /** Every device's numa_node (sysfs); empty on a kernel without CONFIG_NUMA (no such files). */
    static final Fact<Map<PciAddress, Integer>> NUMA_NODES = CommandFact.of(
            PciCommands.NUMA_NODES, { CommandResult r ->
        if (r.exit == 0) return PciSysfs.numaNodes(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:] as Map<PciAddress, Integer>
        throw new RemoteCommandException(r)
    } as CommandFact.Reads<Map<PciAddress, Integer>>).untilReboot()

    /** Each display device's boot_vga flag; empty where there is none (grep exits 2: no such file). */
    static final Fact<Map<PciAddress, Boolean>> BOOT_VGA = CommandFact.of(PciCommands.BOOT_VGA, { CommandResult r ->
        if (r.exit == 0) return PciSysfs.bootVga(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:] as Map<PciAddress, Boolean>
        throw new RemoteCommandException(r)
    } as CommandFact.Reads<Map<PciAddress, Boolean>>).untilReboot()

    /** SR-IOV: each virtual function's physical function (busybox readlink takes one path, hence the loop). */
    static final Fact<Map<PciAddress, PciAddress>> PHYSFNS = CommandFact.output(
            PciCommands.PHYSFNS,
            { String out -> PciSysfs.physfns(out) } as CommandFact.Parses<Map<PciAddress, PciAddress>>)

    /** The logical CPUs with core, socket and node (lscpu -p). */
    static final Fact<List<CpuRow>> CPUS = CommandFact.output(command('lscpu', '-p=CPU,CORE,SOCKET,NODE'),
            { String out -> KvmOutput.lscpu(out) } as CommandFact.Parses<List<CpuRow>>).forTheRun()

    /** The running kernel's command line. */
    static final Fact<List<String>> RUNNING_CMDLINE = CommandFact.output(command('cat', '/proc/cmdline'),
            { String out -> KvmOutput.cmdline(out) } as CommandFact.Parses<List<String>>).untilReboot()

    /** Each NUMA node's MemTotal in KiB; empty where the kernel has no per-node sysfs (grep exits 2). */
    static final Fact<Map<Integer, Long>> NODE_MEM_TOTALS = CommandFact.of(NodeSysfs.MEM_TOTALS, { CommandResult r ->
        if (r.exit == 0) return NodeSysfs.memTotals(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:] as Map<Integer, Long>
        throw new RemoteCommandException(r)
    } as CommandFact.Reads<Map<Integer, Long>>).untilReboot()

    /** Each NUMA node's reserved huge pages by page size (KiB); empty where the kernel shows none. */
    static final Fact<Map<Integer, Map<Long, Long>>> NODE_HUGEPAGES = CommandFact.of(NodeSysfs.HUGEPAGES,
            { CommandResult r ->
        if (r.exit == 0) return NodeSysfs.hugepages(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:] as Map<Integer, Map<Long, Long>>
        throw new RemoteCommandException(r)
    } as CommandFact.Reads<Map<Integer, Map<Long, Long>>>)

    /** The running kernel's release (uname -r). */
    static final Fact<String> KERNEL_RELEASE = CommandFact.output(command('uname', '-r'),
            { String out -> out.trim() } as CommandFact.Parses<String>).untilReboot()
}
