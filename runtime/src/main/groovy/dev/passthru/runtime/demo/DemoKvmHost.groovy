package dev.passthru.runtime.demo

import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

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
    static final Map<String, String> TOOLS = ['virsh': '/usr/bin/virsh', 'update-grub': '/usr/sbin/update-grub', 'update-initramfs': '/usr/sbin/update-initramfs']
    static final String UPDATE_GRUB_ERR = """Generating grub configuration file ...
Found linux image: /boot/vmlinuz-${DemoKvmState.KERNEL}
Found initrd image: /boot/initrd.img-${DemoKvmState.KERNEL}
Warning: os-prober will not be executed to detect other bootable partitions.
Systems on them will not be added to the GRUB boot configuration.
Check GRUB_DISABLE_OS_PROBER documentation entry.
done
""".toString()

    final DemoKvmState state

    DemoKvmHost(DemoKvmState state = DemoKvmState.standard()) { this.state = state }

    @Override
    String label() { LABEL }

    @Override
    protected CommandResult answerLine(String command) {
        if (command != KvmCommands.DMESG_IOMMU) return null
        state.iommuOn() ? ok(command, '[    0.000000] DMAR: IOMMU enabled\n') : new CommandResult(command, 1, '', '')
    }

    @Override
    protected CommandResult answer(String command, List<String> argv, String stdin) {
        switch (argv[0]) {
            case 'cat': return cat(command, argv)
            case 'command':
                if (argv[1] != '-v') return usage(command)
                List<String> names = argv.drop(2)
                return new CommandResult(command, names.every { TOOLS.containsKey(it) } ? 0 : 1, names.findAll { TOOLS.containsKey(it) }.collect { "${TOOLS[it]}\n" }.join(''), '')
            case 'lspci': return argv == ['lspci', '-nnk', '-D'] ? ok(command, state.lspci()) : usage(command)
            case 'find': return argv == ['find', '/sys/kernel/iommu_groups', '-type', 'l'] ? ok(command, state.iommuGroups()) : usage(command)
            case 'lscpu': return argv == ['lscpu', '-p=CPU,CORE,SOCKET,NODE'] ? ok(command, DemoKvmState.lscpu()) : usage(command)
            case 'grep': return argv == ['grep', '-m1', 'vendor_id', '/proc/cpuinfo'] ? ok(command, 'vendor_id\t: GenuineIntel\n') : usage(command)
            case 'modinfo': return argv == ['modinfo', '-F', 'filename', 'vfio-pci'] ? ok(command, "/lib/modules/${DemoKvmState.KERNEL}/kernel/drivers/vfio/pci/vfio-pci.ko\n".toString()) : usage(command)
            case 'cp':
                if (argv.size() != 4 || argv[1] != '-p') return usage(command)
                if (!state.files.containsKey(argv[2])) return fail(command, 1, "cp: cannot stat '${argv[2]}': No such file or directory\n")
                state.files[argv[3]] = state.files[argv[2]]
                return ok(command, '')
            case 'install':
                if (argv.size() != 5 || argv[1] != '-m' || argv[3] != '/dev/stdin') return usage(command)
                state.files[argv[4]] = stdin ?: ''
                return ok(command, '')
            case 'mv':
                if (argv.size() != 3) return usage(command)
                if (!state.files.containsKey(argv[1])) return fail(command, 1, "mv: cannot stat '${argv[1]}': No such file or directory\n")
                state.files[argv[2]] = state.files.remove(argv[1])
                return ok(command, '')
            case 'rm':
                if (argv.size() != 3 || argv[1] != '-f') return usage(command)
                state.files.remove(argv[2])
                return ok(command, '')
            case 'update-grub':
                state.grubCfgCmdline = state.generatedCmdline()
                return new CommandResult(command, 0, '', UPDATE_GRUB_ERR)
            case 'update-initramfs':
                if (argv != ['update-initramfs', '-u', '-k', 'all']) return usage(command)
                state.initramfsSoftdeps = state.files[KvmCommands.SOFTDEP_FILE] ?: ''
                return ok(command, "update-initramfs: Generating /boot/initrd.img-${DemoKvmState.KERNEL}\n".toString())
            case 'virsh': return new DemoVirsh(state).run(command, argv, stdin)
            default: return notFound(command, argv[0])
        }
    }

    private CommandResult cat(String command, List<String> argv) {
        if (argv.size() != 2) return usage(command)
        String path = argv[1]
        if (path == '/proc/sys/kernel/random/boot_id') return ok(command, state.bootId + '\n')
        if (path == '/proc/cmdline') return ok(command, state.procCmdline + '\n')
        if (state.files.containsKey(path)) return ok(command, state.files[path])
        fail(command, 1, "cat: ${path}: No such file or directory\n")
    }

    @Override
    protected void boot() { state.boot() }
}
