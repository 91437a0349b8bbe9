package dev.passthru.runtime.kvm

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.facts.CommonFacts
import dev.passthru.runtime.facts.Facts
import dev.passthru.runtime.numa.CpuRow
import dev.passthru.runtime.operation.Action
import dev.passthru.runtime.operation.HostCommand
import dev.passthru.runtime.pci.HostDevices
import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.pcie.PcieFacts
import dev.passthru.runtime.pcie.PcieTree
import dev.passthru.runtime.vm.VmPower
import groovy.transform.CompileStatic

/**
 * A KVM host as its operations see it: typed reads through the run's facts (each command once until a write or a
 * reboot), and the actions that write files and rebuild boot images. Operations turn these into changes.
 */
@CompileStatic
class KvmHost {
    final Facts facts
    /** Commands found on the host when it was probed (decides the boot loader and initramfs tool). */
    final Set<String> tools
    private BootLoader bootLoader

    KvmHost(Facts facts, Set<String> tools) {
        this.facts = facts
        this.tools = tools
    }

    HostDevices devices() { new HostDevices(facts) }

    /** The host's PCIe hierarchy: paths to root ports, switches, link, BARs, ACS and ATS per function. */
    PcieTree pcieTree() { PcieFacts.tree(facts) }

    List<PciFunction> functions() { facts.read(CommonFacts.PCI_FUNCTIONS) }

    Map<PciAddress, Integer> iommuGroups() { facts.read(CommonFacts.IOMMU_GROUPS) }

    /** Kernel messages saying the IOMMU is on. */
    List<String> iommuMessages() { facts.read(KvmFacts.IOMMU_MESSAGES) }

    List<CpuRow> cpus() { facts.read(CommonFacts.CPUS) }

    String cpuVendor() {
        String v = facts.read(KvmFacts.CPU_VENDOR)
        if (v == null) {
            throw new StepFailedException('the CPU vendor is neither Intel nor AMD (/proc/cpuinfo vendor_id); say ' +
                    'intel_iommu=on or amd_iommu=on with arg instead of iommu()')
        }
        v
    }

    /** /etc/os-release as a map (empty when the file is missing). */
    Map<String, String> osRelease() { facts.read(CommonFacts.OS_RELEASE) }

    String kernelRelease() { facts.read(CommonFacts.KERNEL_RELEASE) }

    List<String> runningCmdline() { facts.read(CommonFacts.RUNNING_CMDLINE) }

    BootLoader bootLoader() {
        if (bootLoader == null) bootLoader = BootLoaders.choose(this)
        bootLoader
    }

    boolean vfioBuiltin() { facts.read(KvmFacts.VFIO_BUILTIN) }

    /** A file's text, or null when it does not exist. */
    String readOptional(String path) { facts.read(KvmFacts.file(path)) }

    /**
     * Replaces a file: the first time passthru changes it, a copy of the original (FILE.passthru.orig);
     * then the new text written beside it, and renamed over it.
     */
    List<Action> writeFile(String path, String text, boolean existed) {
        List<Action> actions = []
        if (existed && !facts.read(KvmFacts.exists(KvmCommands.original(path)))) {
            actions << new HostCommand(KvmCommands.backup(path))
        }
        actions << new HostCommand(KvmCommands.writeNew(path), text)
        actions << new HostCommand(KvmCommands.replace(path))
        actions
    }

    Action removeFile(String path) { new HostCommand(KvmCommands.removeFile(path)) }

    /**
     * Whether {@code generated} is older than {@code source} (a file written by a run that was cut off
     * before the tool that reads it ran); a reason for the diff, or null when up to date or either is missing.
     */
    String olderThan(String generated, String source, String tool) {
        List<Long> t = facts.read(KvmFacts.mtimes(source, generated))
        t != null && t[0] > t[1] ? "${generated} predates ${source}: ${tool} has not run since it changed".toString()
                : null
    }

    /**
     * The initramfs of the running kernel is older than the softdep file (or null when it is not, or there is no known
     * tool).
     */
    String initramfsStale() {
        boolean debian = 'update-initramfs' in tools
        if (!debian && !('dracut' in tools)) return null
        String release = kernelRelease()
        String image = debian ? "/boot/initrd.img-${release}".toString() : "/boot/initramfs-${release}.img".toString()
        olderThan(image, KvmCommands.SOFTDEP_FILE, debian ? 'update-initramfs' : 'dracut')
    }

    /** Rebuilds the initramfs so boot-time module order matches modprobe.d; none when the host has no known tool. */
    List<Action> regenerateInitramfs() {
        if ('update-initramfs' in tools) return [new HostCommand(KvmCommands.updateInitramfs()) as Action]
        if ('dracut' in tools) return [new HostCommand(KvmCommands.dracut()) as Action]
        []
    }

    // --- libvirt ---

    List<String> domains() { facts.read(KvmFacts.DOMAINS) }

    String domainXml(String vm) { facts.read(KvmFacts.domainXml(vm)) }

    VmPower state(String vm) { VmPower.ofVirsh(facts.read(KvmFacts.state(vm))) }
}
