package dev.passthru.runtime.kvm

import dev.passthru.runtime.pci.PciFunction
import dev.passthru.runtime.numa.CpuRow

import dev.passthru.dsl.PciAddress
import dev.passthru.runtime.engine.HostShell
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.engine.StepFailedException
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/** A KVM host as the steps see it: reads (always fresh from the host) and the few writes, each one command. */
@CompileStatic
class KvmHost {
    final HostShell shell
    /** Commands found on the host when it was probed (decides the boot loader and initramfs tool). */
    final Set<String> tools
    private BootLoader bootLoader
    private List<CpuRow> cpuRows

    KvmHost(HostShell shell, Set<String> tools) {
        this.shell = shell
        this.tools = tools
    }

    List<PciFunction> functions() { dev.passthru.runtime.pci.Lspci.parse(shell.out(KvmCommands.lspci())) }

    Map<PciAddress, Integer> iommuGroups() {
        dev.passthru.runtime.pci.PciSysfs.iommuGroups(shell.out(KvmCommands.iommuGroups()))
    }

    /** Kernel messages saying the IOMMU is on (grep exits 1 when there are none). */
    List<String> iommuMessages() {
        CommandResult r = shell.run(KvmCommands.dmesgIommu())
        if (r.exit > 1) throw new RemoteCommandException(r)
        r.stdout.readLines().findAll { it.trim() }
    }

    /** The host's CPUs (read once per run: the topology does not change while passthru runs). */
    List<CpuRow> cpus() {
        if (cpuRows == null) cpuRows = KvmOutput.lscpu(shell.out(KvmCommands.lscpu()))
        cpuRows
    }

    String cpuVendor() {
        String v = KvmOutput.cpuVendor(shell.out(KvmCommands.cpuVendor()))
        if (v == null) {
            throw new StepFailedException('the CPU vendor is neither Intel nor AMD (/proc/cpuinfo vendor_id); say ' +
                    'intel_iommu=on or amd_iommu=on with arg instead of iommu()')
        }
        v
    }

    /** /etc/os-release as a map (empty when the file is missing). */
    Map<String, String> osRelease() { KvmOutput.osRelease(readOptional('/etc/os-release') ?: '') }

    String kernelRelease() { shell.out(KvmCommands.kernelRelease()).trim() }

    List<String> runningCmdline() { KvmOutput.cmdline(shell.out(KvmCommands.procCmdline())) }

    BootLoader bootLoader() {
        if (bootLoader == null) bootLoader = BootLoaders.choose(this)
        bootLoader
    }

    boolean vfioBuiltin() { KvmOutput.builtin(shell.out(KvmCommands.modinfoVfio())) }

    /** A file's text, or null when it does not exist. */
    String readOptional(String path) {
        CommandResult r = shell.run(KvmCommands.cat(path))
        if (r.exit == 0) return r.stdout
        if (r.stderr.contains('No such file or directory')) return null
        throw new RemoteCommandException(r)
    }

    /**
     * Replaces a file: the first time passthru changes it, a copy of the original (FILE.passthru.orig);
     * then the new text written beside it, and renamed over it.
     */
    void writeFile(String path, String text, boolean existed) {
        if (existed &&
                shell.run(KvmCommands.exists(KvmCommands.original(path))).exit != 0) shell.out(KvmCommands.backup(path))
        shell.out(KvmCommands.writeNew(path), text)
        shell.out(KvmCommands.replace(path))
    }

    void removeFile(String path) { shell.out(KvmCommands.removeFile(path)) }

    /**
     * Whether {@code generated} is older than {@code source} (a file written by a run that was cut off
     * before the tool that reads it ran); a reason for the diff, or null when up to date or either is missing.
     */
    String olderThan(String generated, String source, String tool) {
        CommandResult r = shell.run(KvmCommands.mtimes(source, generated))
        if (r.exit != 0) return null
        List<Long> t = r.stdout.readLines()*.trim().findAll { it ==~ /\d+/ }.collect { it as long }
        if (t.size() != 2) throw new OutputFormatException("stat -c %Y printed '${r.stdout.trim()}'")
        t[0] > t[1] ? "${generated} predates ${source}: ${tool} has not run since it changed".toString() : null
    }

    /**
     * The initramfs of the running kernel is older than the softdep file (or null when it is not, or there is no known
     * tool).
     */
    String initramfsStale() {
        boolean debian = 'update-initramfs' in tools
        if (!debian && !('dracut' in tools)) return null
        String release = shell.out(KvmCommands.kernelRelease()).trim()
        String image = debian ? "/boot/initrd.img-${release}".toString() : "/boot/initramfs-${release}.img".toString()
        olderThan(image, KvmCommands.SOFTDEP_FILE, debian ? 'update-initramfs' : 'dracut')
    }

    /** Rebuilds the initramfs so boot-time module order matches modprobe.d; null when the host has no known tool. */
    String regenerateInitramfs() {
        if ('update-initramfs' in tools) { shell.out(KvmCommands.updateInitramfs()); return 'update-initramfs' }
        if ('dracut' in tools) { shell.out(KvmCommands.dracut()); return 'dracut' }
        null
    }

    // --- libvirt ---

    List<String> domains() { KvmOutput.domainNames(shell.out(KvmCommands.domains())) }

    String domainXml(String vm) { shell.out(KvmCommands.dumpxml(vm)) }

    void define(String xml) { shell.out(KvmCommands.define(), xml) }

    void attach(String vm, String hostdevXml) { shell.out(KvmCommands.attachDevice(vm), hostdevXml) }

    void detach(String vm, String hostdevXml) { shell.out(KvmCommands.detachDevice(vm), hostdevXml) }

    String state(String vm) { KvmOutput.domstate(shell.out(KvmCommands.domstate(vm))) }

    void start(String vm) { shell.out(KvmCommands.start(vm)) }

    void shutdown(String vm) { shell.out(KvmCommands.shutdown(vm)) }
}
