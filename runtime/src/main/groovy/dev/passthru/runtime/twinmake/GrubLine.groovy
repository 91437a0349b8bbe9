package dev.passthru.runtime.twinmake

import dev.passthru.runtime.kvm.GrubDefaultFile
import dev.passthru.runtime.kvm.KvmOutput
import groovy.transform.CompileStatic

/**
 * How a host's boot loader makes the kernel line from /etc/default/grub, read off this boot's /proc/cmdline: the
 * line with {@code $GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT} where their values are. A single-spaced line is
 * GRUB's (its script parser splits the linux line into words); a line with runs of spaces is a loader that passes
 * the text verbatim (the lab's firmware shim).
 */
@CompileStatic
final class GrubLine {
    static final String VARIABLES = '$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT'

    final String template
    final boolean words

    private GrubLine(String template, boolean words) {
        this.template = template
        this.words = words
    }

    /** The line's template, or null when /proc/cmdline does not end with the file's two values. */
    static GrubLine of(String cmdline, String grubDefault) {
        List<String> linux = GrubDefaultFile.tokens(grubDefault, GrubDefaultFile.LINUX)
        List<String> dflt = GrubDefaultFile.tokens(grubDefault, GrubDefaultFile.DEFAULT)
        if (cmdline.contains('  ')) {
            String tail = linux.join(' ') + ' ' + dflt.join(' ')
            if (!cmdline.endsWith(tail)) return null
            return new GrubLine(cmdline.substring(0, cmdline.length() - tail.length()) + VARIABLES, false)
        }
        List<String> all = KvmOutput.cmdline(cmdline)
        List<String> tail = linux + dflt
        if (all.size() < tail.size() || all.subList(all.size() - tail.size(), all.size()) != tail) return null
        List<String> head = all.subList(0, all.size() - tail.size())
        new GrubLine((head ? head.join(' ') + ' ' : '') + VARIABLES, true)
    }
}
