package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

import static dev.passthru.runtime.shell.ShellQuote.command

/**
 * Every command passthru sends to a KVM host, built with the one quoting function. File contents and XML go on standard
 * input.
 */
@CompileStatic
final class KvmCommands {
    static final String URI = 'qemu:///system'
    static final String SOFTDEP_FILE = '/etc/modprobe.d/passthru-vfio.conf'
    static final String GRUB_DEFAULT = '/etc/default/grub'
    static final String PROXMOX_CMDLINE = '/etc/kernel/cmdline'
    /** Two patterns, so the command itself never matches its own grep (and busybox grep reads it too). */
    static final String DMESG_IOMMU = "dmesg | grep -e 'DMAR: IOMMU enabled' -e 'AMD-Vi:'"

    private KvmCommands() {}

    static String dmesgIommu() { DMESG_IOMMU }

    static String lscpu() { command('lscpu', '-p=CPU,CORE,SOCKET,NODE') }

    static String cpuVendor() { command('grep', '-m1', 'vendor_id', '/proc/cpuinfo') }

    static String procCmdline() { command('cat', '/proc/cmdline') }

    static String cat(String path) { command('cat', path) }

    static String original(String path) { "${path}.passthru.orig".toString() }

    /** Exits 0 when the path exists. */
    static String exists(String path) { command('test', '-e', path) }

    /** Keeps the file as it was before passthru first changed it (made once, never overwritten). */
    static String backup(String path) { command('cp', '-p', path, original(path)) }

    /** Writes standard input to a new file beside the target... */
    static String writeNew(String path) {
        command('install', '-m', '0644', '/dev/stdin', "${path}.passthru.new".toString())
    }

    /** ...and moves it over the target in one rename. */
    static String replace(String path) { command('mv', "${path}.passthru.new".toString(), path) }

    static String removeFile(String path) { command('rm', '-f', path) }

    /** Modification times (seconds since the epoch), one line per path. */
    static String mtimes(String... paths) { command((['stat', '-c', '%Y'] + (paths as List<String>)) as String[]) }

    static String kernelRelease() { command('uname', '-r') }

    static final String GRUB_CFG = '/boot/grub/grub.cfg'

    static String updateGrub() { command('update-grub') }

    static String grubbyInfo() { command('grubby', '--info=DEFAULT') }

    static String grubbyUpdate(List<String> add, List<String> remove) {
        List<String> argv = ['grubby', '--update-kernel=ALL']
        if (add) argv << "--args=${add.join(' ')}".toString()
        if (remove) argv << "--remove-args=${remove.join(' ')}".toString()
        command(argv as String[])
    }

    static String proxmoxRefresh() { command('proxmox-boot-tool', 'refresh') }

    /** Every modprobe.d file, each line prefixed with its path (grep -H '' keeps empty lines). */
    static final String MODPROBE_FILES = "grep -H '' /etc/modprobe.d/*.conf"

    static String modinfoVfio() { command('modinfo', '-F', 'filename', 'vfio-pci') }

    static String updateInitramfs() { command('update-initramfs', '-u', '-k', 'all') }

    static String dracut() { command('dracut', '-f', '--regenerate-all') }

    static String virsh(String... args) { command((['virsh', '-c', URI] + (args as List<String>)) as String[]) }

    static String domains() { virsh('list', '--all', '--name') }

    // VM names go after --domain, never as a bare argument: a name starting with '-' is then a name, not an option.

    /** With --security-info, so a define keeps graphics passwords (tapes and journals redact them). */
    static String dumpxml(String vm) { virsh('dumpxml', '--inactive', '--security-info', '--domain', vm) }

    static String define() { virsh('define', '--file', '/dev/stdin') }

    static String attachDevice(String vm) { virsh('attach-device', '--domain', vm, '--file', '/dev/stdin', '--config') }

    static String detachDevice(String vm) { virsh('detach-device', '--domain', vm, '--file', '/dev/stdin', '--config') }

    static String domstate(String vm) { virsh('domstate', '--domain', vm) }

    static String start(String vm) { virsh('start', '--domain', vm) }

    static String shutdown(String vm) { virsh('shutdown', '--domain', vm) }
}
