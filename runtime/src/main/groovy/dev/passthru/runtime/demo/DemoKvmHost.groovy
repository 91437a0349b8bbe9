package dev.passthru.runtime.demo

import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.pci.PciCommands
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * The built-in KVM demo host: a simulated Debian 12 host with libvirt 9 (see {@link DemoKvmState}). It
 * understands the commands passthru sends (cat, command -v, lspci, find, dmesg | grep, lscpu, grep,
 * modinfo, cp, install, mv, rm, update-grub, update-initramfs, virsh) and answers in the real tools'
 * formats. Kernel command-line changes reach /proc/cmdline only through update-grub and a reboot, and
 * modprobe.d changes reach the boot only through update-initramfs, as on a real host.
 */
@CompileStatic
class DemoKvmHost extends DemoHost {
    static final String LABEL = 'demo-kvm-debian-12'
    /** grep over the modprobe.d files (a glob: the command is fixed text). */
    static final String MODPROBE_GREP = "grep -H '' /etc/modprobe.d/*.conf"
    /** The per-node memory greps it answers whole (the glob is the shell's, so the command is fixed text). */
    static final String NODE_MEMINFO = 'grep -H MemTotal /sys/devices/system/node/node*/meminfo'
    static final String NODE_HUGEPAGES = 'grep -H . /sys/devices/system/node/node*/hugepages/hugepages-*/nr_hugepages'

    final DemoKvmState state

    DemoKvmHost(DemoKvmState state = DemoKvmState.standard()) { this.state = state }

    @Override
    String label() { state.label ?: (state.distro == 'debian' ? LABEL : "demo-kvm-${state.distro}".toString()) }

    @Override
    protected CommandResult answerLine(String command) {
        if (command == PciCommands.NUMA_NODES) return ok(command, state.numaNodes())
        if (command == PciCommands.PHYSFNS) return ok(command, physfnLinks(state.physfn))
        if (command == PciCommands.SYSFS_PATHS) return ok(command, DemoSysfsPaths.render(state))
        if (command == PciCommands.BOOT_VGA) {
            String lines = state.bootVgaLines()
            return lines ? ok(command, lines)
                    : fail(command, 2, "grep: /sys/bus/pci/devices/*/boot_vga: No such file or directory\n")
        }
        if (command == MODPROBE_GREP) return modprobeGrep(command)
        if (command == NODE_MEMINFO) return nodeGrep(command, state.nodeMemTotals())
        if (command == NODE_HUGEPAGES) return nodeGrep(command, state.nodeHugepages())
        if (command != KvmCommands.DMESG_IOMMU) return null
        String lines = state.dmesgIommu()
        new CommandResult(command, lines ? 0 : 1, lines, '')
    }

    @Override
    protected CommandResult answer(String command, List<String> argv, String stdin) {
        switch (argv[0]) {
            case 'cat': return cat(command, argv)
            case 'lspci': return argv == ['lspci', '-nnk', '-D'] ? ok(command, state.lspci())
                    : argv == ['lspci', '-vvv', '-D'] ? ok(command, DemoLspciVerbose.render(state)) : usage(command)
            case 'find': return argv == ['find', '/sys/kernel/iommu_groups', '-type', 'l']
                    ? ok(command, state.iommuGroups()) : usage(command)
            case 'lscpu': return argv == ['lscpu', '-p=CPU,CORE,SOCKET,NODE'] ? ok(command, state.lscpu())
                    : usage(command)
            case 'grep': return argv == ['grep', '-m1', 'vendor_id', '/proc/cpuinfo']
                    ? ok(command, "vendor_id\t: ${state.cpuVendor}\n".toString()) : usage(command)
            case 'modinfo': return argv == ['modinfo', '-F', 'filename', 'vfio-pci'] ? modinfoVfio(command)
                    : usage(command)
            case 'cp':
                if (argv.size() != 4 || argv[1] != '-p') return usage(command)
                if (!state.files.containsKey(argv[2])) return noFile(command, 'cp', argv[2])
                state.files[argv[3]] = state.files[argv[2]]
                state.mtimes[argv[3]] = state.mtimes[argv[2]]   // -p keeps the modification time
                return ok(command, '')
            case 'install':
                if (argv.size() != 5 || argv[1] != '-m' || argv[3] != '/dev/stdin') return usage(command)
                state.files[argv[4]] = stdin ?: ''
                state.touch(argv[4])
                return ok(command, '')
            case 'mkdir': return argv.size() == 3 && argv[1] == '-p' ? ok(command, '') : usage(command)
            case 'mv':
                if (argv.size() != 3) return usage(command)
                if (!state.files.containsKey(argv[1])) return noFile(command, 'mv', argv[1])
                state.files[argv[2]] = state.files.remove(argv[1])
                state.mtimes[argv[2]] = state.mtimes.remove(argv[1])
                return ok(command, '')
            case 'rm':
                if (argv.size() != 3 || argv[1] != '-f') return usage(command)
                state.files.remove(argv[2])
                state.mtimes.remove(argv[2])
                return ok(command, '')
            case 'update-grub':
                if (!tool('update-grub')) return missing(command, argv[0])
                if (state.distro == 'debian') state.grubCfgCmdline = state.generatedCmdline()
                state.touch('/boot/grub/grub.cfg')
                return new CommandResult(command, 0, '', state.updateGrubStderr ?: updateGrubOutput())
            case 'update-initramfs':
                if (!tool('update-initramfs')) return missing(command, argv[0])
                if (argv != ['update-initramfs', '-u', '-k', 'all']) return usage(command)
                state.initramfsSoftdeps = state.modprobeConf()
                state.touch("/boot/initrd.img-${state.kernel()}".toString())
                return ok(command, "update-initramfs: Generating /boot/initrd.img-${state.kernel()}\n".toString())
            case 'dracut':
                if (!tool('dracut')) return missing(command, argv[0])
                if (argv != ['dracut', '-f', '--regenerate-all']) return usage(command)
                state.initramfsSoftdeps = state.modprobeConf()
                state.touch("/boot/initramfs-${state.kernel()}.img".toString())
                return ok(command, '')
            case 'grubby': return grubby(command, argv)
            case 'test':
                if (argv.size() != 3 || argv[1] != '-e') return usage(command)
                return new CommandResult(command, state.files.containsKey(argv[2]) ? 0 : 1, '', '')
            case 'uname': return argv == ['uname', '-r'] ? ok(command, state.kernel() + '\n') : usage(command)
            case 'stat':
                if (argv.size() < 4 || argv[1] != '-c' || argv[2] != '%Y') return usage(command)
                String missing = argv.drop(3).find { !state.mtimes.containsKey(it) }
                if (missing) return noFile(command, 'stat', missing)
                return ok(command, argv.drop(3).collect { "${state.mtimes[it]}\n" }.join(''))
            case 'proxmox-boot-tool':
                if (!tool('proxmox-boot-tool')) return missing(command, argv[0])
                if (argv != ['proxmox-boot-tool', 'refresh']) return usage(command)
                state.grubCfgCmdline = state.generatedCmdline()
                return ok(command, PROXMOX_REFRESH.replace('KERNEL', state.kernel()))
            case 'virsh': return tool('virsh') ? new DemoVirsh(state).run(command, argv, stdin)
                    : missing(command, argv[0])
            case 'setpci': return new DemoSetpci(state).run(command, argv)
            case 'systemctl': return new DemoSystemctl(state).run(command, argv)
            case 'mlxconfig': return tool('mlxconfig') ? new DemoMlxconfig(state).run(command, argv)
                    : missing(command, argv[0])
            case 'tee': return tee(command, argv, stdin)
            default: return HOST_TOOLS.contains(argv[0]) ? missing(command, argv[0]) : usage(command)
        }
    }

    private CommandResult cat(String command, List<String> argv) {
        if (argv.size() != 2) return usage(command)
        String path = argv[1]
        if (path == '/proc/sys/kernel/random/boot_id') return ok(command, state.bootId + '\n')
        if (path == '/proc/cmdline') return ok(command, state.procCmdline + '\n')
        Matcher hp = path =~ '^/sys/devices/system/node/node(\\d+)/hugepages/hugepages-(\\d+)kB/nr_hugepages$'
        if (hp.matches() && state.hugepages[hp.group(1) as int]?.containsKey(hp.group(2) as long)) {
            return ok(command, "${state.hugepages[hp.group(1) as int][hp.group(2) as long]}\n".toString())
        }
        if (state.files.containsKey(path)) return ok(command, state.files[path])
        noFile(command, 'cat', path)
    }

    /** grep -H '' over /etc/modprobe.d/*.conf: every line of every file (glob order: by name), as PATH:LINE. */
    private CommandResult modprobeGrep(String command) {
        List<String> paths = state.modprobeFiles().sort()
        if (!paths) {
            return fail(command, 2, 'grep: /etc/modprobe.d/*.conf: No such file or directory\n')
        }
        ok(command, paths.collectMany { String p -> state.files[p].readLines().collect { "${p}:${it}\n" } }.join(''))
    }

    /** A grep over the nodes' sysfs files; a twin that does not know its nodes' memory cannot answer it. */
    private CommandResult nodeGrep(String command, String lines) {
        lines ? ok(command, lines) : usage(command)
    }

    private boolean busybox() { state.userland == 'busybox' }

    /**
     * A file that is not there, as the userland's program says it (coreutils: "cat: F: No such file...", "stat:
     * cannot statx 'F'", "cp: cannot stat 'F'"; busybox: "cat: can't open 'F'", "stat: can't stat 'F'", from its
     * coreutils/*.c bb_perror_msg calls).
     */
    private CommandResult noFile(String command, String program, String path) {
        String what = busybox() ? (program == 'cat' ? "can't open '${path}'" : "can't stat '${path}'")
                : program == 'cat' ? path : program == 'stat' ? "cannot statx '${path}'" : "cannot stat '${path}'"
        fail(command, 1, "${program}: ${what}: No such file or directory\n".toString())
    }

    /** A program the host does not have: bash's "command not found", or busybox ash's "sh: X: not found". */
    private CommandResult missing(String command, String program) {
        busybox() ? fail(command, 127, "sh: ${program}: not found\n".toString()) : notFound(command, program)
    }

    /**
     * modinfo -F filename vfio-pci: kmod prints the module's path; busybox's modinfo matches names after turning '-'
     * into '_' in the file names only (modutils/modinfo.c filename2modname), so a hyphenated name falls through to
     * being read as a path: "module '/lib/modules/KVER/vfio-pci' not found" on stderr, exit 0.
     */
    private CommandResult modinfoVfio(String command) {
        busybox() ? new CommandResult(command, 0, '',
                "modinfo: module '/lib/modules/${state.kernel()}/vfio-pci' not found\n".toString())
                : ok(command, "/lib/modules/${state.kernel()}/kernel/drivers/vfio/pci/vfio-pci.ko\n".toString())
    }

    @Override
    protected int commandVMissing() { busybox() ? 127 : 1 }

    @Override
    protected boolean rebootAnswers() { state.rebootAnswers }

    private boolean tool(String name) { tools().containsKey(name) }

    @Override
    protected Map<String, String> tools() { state.tools }

    /** update-grub's progress on Debian 12 (it writes to stderr). */
    private String updateGrubOutput() {
        """Generating grub configuration file ...
Found linux image: /boot/vmlinuz-${state.kernel()}
Found initrd image: /boot/initrd.img-${state.kernel()}
Warning: os-prober will not be executed to detect other bootable partitions.
Systems on them will not be added to the GRUB boot configuration.
Check GRUB_DISABLE_OS_PROBER documentation entry.
done
""".toString()
    }

    /**
     * proxmox-boot-tool refresh on a systemd-boot (ZFS) install; hand-made from the Proxmox VE admin guide's examples.
     */
    static final String PROXMOX_REFRESH = """Running hook script 'proxmox-auto-removal'..
Running hook script 'zz-proxmox-boot'..
Re-executing '/etc/kernel/postinst.d/zz-proxmox-boot' in new private mount namespace..
Copying and configuring kernels on /dev/disk/by-uuid/5A1B-2C3D
	Copying kernel and creating boot-entry for KERNEL
"""

    /**
     * grubby (RHEL, Fedora): --info=DEFAULT prints the default entry's fields; --update-kernel=ALL with
     * --args (a key already there gets the new value) and --remove-args changes every BLS entry at once.
     */
    private CommandResult grubby(String command, List<String> argv) {
        if (!tool('grubby')) return missing(command, argv[0])
        if (argv == ['grubby', '--info=DEFAULT']) {
            return ok(command, """index=0
kernel="/boot/vmlinuz-${state.kernel()}"
args="${state.grubbyArgs.join(' ')}"
root="UUID=0b4a2c61-55e3-4f0e-9d3c-7a8e2b91c4d5"
initrd="/boot/initramfs-${state.kernel()}.img"
title="Fedora Linux (${state.kernel()}) 39 (Server Edition)"
id="3c2a8f0e1d7b4c9a8e5f6a7b8c9d0e1f-${state.kernel()}"
""".toString())
        }
        if (argv.size() < 3 || argv[1] != '--update-kernel=ALL') return usage(command)
        List<String> add = []
        List<String> remove = []
        argv.drop(2).each { String a ->
            if (a.startsWith('--args=')) add.addAll(a.substring(7).split(' ').findAll { it })
            else if (a.startsWith('--remove-args=')) remove.addAll(a.substring(14).split(' ').findAll { it })
        }
        // grubby's own rules: --remove-args drops an argument by name (with any value); --args sets a value,
        // replacing the argument of that name (no merging of lists, unlike passthru's own edits)
        List<String> args = state.grubbyArgs.findAll { String t ->
            !remove.any { String r -> t == r || DemoKernelCmdline.name(t) == DemoKernelCmdline.name(r) }
        }
        add.each { String a ->
            int at = args.findIndexOf { DemoKernelCmdline.name(it) == DemoKernelCmdline.name(a) }
            if (at >= 0) args[at] = a else args << a
        }
        state.grubbyArgs = args
        state.grubCfgCmdline = state.generatedCmdline()
        ok(command, '')
    }

    /** tee into a node's nr_hugepages (the kernel may give fewer pages than written); tee echoes what it read. */
    private CommandResult tee(String command, List<String> argv, String stdin) {
        DemoHugepageWrite w = new DemoHugepageWrite(state)
        if (argv.size() != 2 || !(stdin?.trim() ==~ /\d+/)) return usage(command)
        if (!w.has(argv[1])) {
            if (!(argv[1] ==~ DemoHugepageWrite.PATTERN)) return usage(command)
            return fail(command, 1, "tee: ${argv[1]}: No such file or directory\n".toString())
        }
        w.write(argv[1], stdin.trim() as long)
        ok(command, stdin)
    }

    /** A boot, then the enabled systemd units run (as in sysinit.target). */
    @Override
    protected void boot() {
        state.boot()
        new DemoSystemctl(state).startEnabled()
    }
}
