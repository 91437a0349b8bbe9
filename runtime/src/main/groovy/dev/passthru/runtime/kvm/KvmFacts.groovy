package dev.passthru.runtime.kvm

import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.engine.RemoteCommandException
import dev.passthru.runtime.facts.CommandFact
import dev.passthru.runtime.facts.Fact
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/** What the KVM flavour reads beyond {@link dev.passthru.runtime.facts.CommonFacts}: kernel, files, libvirt. */
@CompileStatic
final class KvmFacts {
    private KvmFacts() {}

    /** Kernel messages saying the IOMMU is on (grep exits 1 when there are none). */
    static final Fact<List<String>> IOMMU_MESSAGES = CommandFact.of(KvmCommands.dmesgIommu(), { CommandResult r ->
        if (r.exit > 1) throw new RemoteCommandException(r)
        r.stdout.readLines().findAll { it.trim() }
    } as CommandFact.Reads<List<String>>).untilReboot()

    /** {@code intel}, {@code amd}, or null for another vendor (/proc/cpuinfo vendor_id). */
    static final Fact<String> CPU_VENDOR = CommandFact.output(KvmCommands.cpuVendor(),
            { String out -> KvmOutput.cpuVendor(out) } as CommandFact.Parses<String>).forTheRun()

    /** Whether vfio-pci is built into the kernel (modinfo prints {@code (builtin)}). */
    static final Fact<Boolean> VFIO_BUILTIN = CommandFact.output(KvmCommands.modinfoVfio(),
            { String out -> KvmOutput.builtin(out) } as CommandFact.Parses<Boolean>).untilReboot()

    /** Every /etc/modprobe.d/*.conf with its text (none: grep exits 2, no such file). */
    static final Fact<Map<String, String>> MODPROBE_FILES = CommandFact.of(KvmCommands.MODPROBE_FILES,
            { CommandResult r ->
        if (r.exit == 0) return KvmOutput.filesByLine(r.stdout)
        if (r.exit == 2 && r.stderr.contains('No such file')) return [:] as Map<String, String>
        throw new RemoteCommandException(r)
    } as CommandFact.Reads<Map<String, String>>)

    /** Every libvirt domain's name. */
    static final Fact<List<String>> DOMAINS = CommandFact.output(KvmCommands.domains(),
            { String out -> KvmOutput.domainNames(out) } as CommandFact.Parses<List<String>>)

    /** A file's text, or null when it does not exist. */
    static Fact<String> file(String path) {
        CommandFact.of(KvmCommands.cat(path), { CommandResult r ->
            if (r.exit == 0) return r.stdout
            if (r.stderr.contains('No such file or directory')) return (String) null
            throw new RemoteCommandException(r)
        } as CommandFact.Reads<String>)
    }

    /** Whether a path exists. */
    static Fact<Boolean> exists(String path) {
        CommandFact.of(KvmCommands.exists(path), { CommandResult r -> r.exit == 0 } as CommandFact.Reads<Boolean>)
    }

    /** Modification times in seconds, one per path, or null when either path is missing. */
    static Fact<List<Long>> mtimes(String first, String second) {
        CommandFact.of(KvmCommands.mtimes(first, second), { CommandResult r ->
            if (r.exit != 0) return (List<Long>) null
            List<Long> t = r.stdout.readLines()*.trim().findAll { it ==~ /\d+/ }.collect { it as long }
            if (t.size() != 2) throw new OutputFormatException("stat -c %Y printed '${r.stdout.trim()}'")
            t
        } as CommandFact.Reads<List<Long>>)
    }

    /** A domain's persistent (inactive) XML, with security info. */
    static Fact<String> domainXml(String vm) {
        CommandFact.output(KvmCommands.dumpxml(vm), { String out -> out } as CommandFact.Parses<String>)
    }

    /** A domain's state as virsh domstate prints it (running, shut off ...). */
    static Fact<String> state(String vm) {
        CommandFact.output(KvmCommands.domstate(vm),
                { String out -> KvmOutput.domstate(out) } as CommandFact.Parses<String>)
    }

    /** grubby's arguments of the default kernel. */
    static final Fact<List<String>> GRUBBY_ARGS = CommandFact.output(KvmCommands.grubbyInfo(),
            { String out -> KvmOutput.grubbyArgs(out) } as CommandFact.Parses<List<String>>)
}
