package dev.passthru.runtime.twinmake

import dev.passthru.runtime.demo.DemoKvmState
import dev.passthru.runtime.kvm.KvmCommands
import dev.passthru.runtime.kvm.KvmFacts
import dev.passthru.runtime.kvm.KvmOutput
import dev.passthru.runtime.transport.CommandResult
import groovy.transform.CompileStatic

/**
 * The boot side of a KVM twin, read from its source: the files a recipe edits (/etc/os-release, the boot loader's
 * configuration, passthru's modprobe.d file and backups) with their modification times, and how the boot loader
 * makes the next kernel line (GRUB's line template, grubby's arguments, Proxmox's /etc/kernel/cmdline).
 */
@CompileStatic
final class KvmBootTwin {
    static final String GRUB = '/etc/default/grub'
    static final String GRUB_CFG = '/boot/grub/grub.cfg'
    static final String VFIO_CONF = '/etc/modprobe.d/passthru-vfio.conf'
    static final String KERNEL_CMDLINE = '/etc/kernel/cmdline'
    /** A time for files whose modification time the source does not show (all equal: none newer than another). */
    static final long UNKNOWN_MTIME = 1_700_000_000L

    private final TwinReads reads
    private final DemoKvmState s
    private final List<String> notDerived

    KvmBootTwin(TwinReads reads, DemoKvmState s, List<String> notDerived) {
        this.reads = reads
        this.s = s
        this.notDerived = notDerived
    }

    /** Fills the files, the boot loader's next line and the modification times into the state. */
    void derive() {
        files()
        bootLoader()
        mtimes()
    }

    /** The files a recipe reads and edits: os-release, the boot loader's configuration, passthru's own files. */
    private void files() {
        file('/etc/os-release', 'files./etc/os-release')
        if (s.distro != 'fedora') file(GRUB, "files.${GRUB}")
        if (s.distro == 'proxmox') file(KERNEL_CMDLINE, "files.${KERNEL_CMDLINE}")
        CommandResult listing = reads.read(KvmFacts.MODPROBE_FILES.command())
        if (listing != null && listing.exit in [0, 2]) {
            if (listing.exit == 0) s.files.putAll(KvmOutput.filesByLine(listing.stdout))
        } else {
            CommandResult vfio = reads.read(KvmCommands.cat(VFIO_CONF))
            if (vfio == null) notDerived << "files.${VFIO_CONF}: not read; taken to be absent".toString()
            else if (vfio.exit == 0) s.files[VFIO_CONF] = vfio.stdout
            notDerived << 'files: /etc/modprobe.d/*.conf other than passthru-vfio.conf were not read (a softdep in ' +
                    'one of them would change what binds at boot)'
        }
        backup(GRUB)
        s.initramfsSoftdeps = s.modprobeConf()
        notDerived << 'boot.initramfs_softdeps: the initramfs is not read; taken to hold the modprobe.d files read'
    }

    /** passthru's backup of {@code path} ({@code PATH.passthru.orig}), when `test -e` shows it is there. */
    private void backup(String path) {
        String orig = KvmCommands.original(path)
        CommandResult there = reads.read(KvmCommands.exists(orig))
        if (there == null || there.exit != 0) return
        String text = reads.output(KvmCommands.cat(orig))
        if (text != null) {
            s.files[orig] = text
        } else if (s.files.containsKey(path)) {
            s.files[orig] = s.files[path]
            notDerived << "files.${orig}: there (test -e) but not read; ${path}'s text is written".toString()
        }
    }

    private void file(String path, String key) {
        CommandResult r = reads.read(KvmCommands.cat(path))
        if (r != null && r.exit == 0) s.files[path] = r.stdout
        else notDerived << "${key}: ${r == null ? 'not read' : 'cannot be read'}; the file is left out".toString()
    }

    /**
     * What the boot loader boots next. Debian: the linux line is /proc/cmdline with /etc/default/grub's two variables
     * in their places; GRUB splits it into words, a loader that keeps double spaces (the lab's) does not.
     */
    private void bootLoader() {
        String recorded = reads.recorded(KvmCommands.updateGrub())?.stderr
        s.updateGrubStderr = recorded
        if (s.distro != 'fedora' && recorded == null) {
            notDerived << 'boot.update_grub_stderr: update-grub never ran; Debian 12\'s grub-mkconfig text is written'
        }
        if (s.distro == 'fedora') {
            String out = reads.output(KvmCommands.grubbyInfo())
            if (out != null) s.grubbyArgs = KvmOutput.grubbyArgs(out)
            else notDerived << 'boot.grubby_args: grubby --info=DEFAULT was not read; the demo\'s are written'
            s.grubCfgCmdline = s.generatedCmdline()
            notDerived << 'boot.next_cmdline: made from grubby\'s arguments with the demo\'s BOOT_IMAGE and root'
            return
        }
        if (s.distro == 'proxmox') {
            s.grubCfgCmdline = s.generatedCmdline()
            return
        }
        String grub = s.files[GRUB]
        if (grub == null) {
            s.grubCfgCmdline = s.procCmdline
            notDerived << 'boot.grub_line: /etc/default/grub is unknown; the next boot keeps this boot\'s line'
            return
        }
        GrubLine line = GrubLine.of(s.procCmdline, grub)
        if (line == null) {
            s.grubLine = s.procCmdline
            s.grubWords = true
            notDerived << 'boot.grub_line: /proc/cmdline does not end with /etc/default/grub\'s GRUB_CMDLINE_LINUX ' +
                    'and GRUB_CMDLINE_LINUX_DEFAULT; the next boot keeps this boot\'s line until update-grub runs'
            s.grubCfgCmdline = s.procCmdline
            return
        }
        s.grubLine = line.template
        s.grubWords = line.words
        s.grubCfgCmdline = s.generatedCmdline()
        if (s.grubCfgCmdline != s.procCmdline) {
            notDerived << 'boot.next_cmdline: /etc/default/grub differs from this boot\'s line; grub.cfg is taken to ' +
                    'be up to date with it (update-grub ran)'
        }
    }

    /** Modification times of the files and of what tools generate (grub.cfg, the initramfs), where shown. */
    private void mtimes() {
        List<String> paths = s.files.keySet().findAll { it != '/etc/os-release' } as List<String>
        paths += s.distro == 'fedora' ? ["/boot/initramfs-${s.kernel()}.img".toString()]
                : [GRUB_CFG, "/boot/initrd.img-${s.kernel()}".toString()]
        long newest = UNKNOWN_MTIME
        List<String> unknown = []
        // the pairs passthru itself stats (what a recording has), then each path alone
        [[GRUB, GRUB_CFG], [VFIO_CONF, "/boot/initrd.img-${s.kernel()}".toString()]].each { List<String> pair ->
            String out = reads.output(KvmCommands.mtimes(pair as String[]))
            List<String> times = out == null ? [] : out.readLines()*.trim()
            if (times.size() == 2 && times.every { it ==~ /\d+/ }) {
                pair.eachWithIndex { String p, int i -> s.mtimes[p] = times[i] as long }
            }
        }
        paths.findAll { !s.mtimes.containsKey(it) }.each { String p ->
            String out = reads.output(KvmCommands.mtimes(p))
            if (out != null && out.trim() ==~ /\d+/) {
                s.mtimes[p] = out.trim() as long
                newest = Math.max(newest, s.mtimes[p])
            } else {
                unknown << p
            }
        }
        s.mtimes.values().each { long t -> newest = Math.max(newest, t) }
        unknown.each { String p -> s.mtimes[p] = UNKNOWN_MTIME }
        if (unknown) notDerived << "mtimes: ${unknown.join(', ')}: not read; all given ${UNKNOWN_MTIME}".toString()
        s.clock = newest
    }
}
