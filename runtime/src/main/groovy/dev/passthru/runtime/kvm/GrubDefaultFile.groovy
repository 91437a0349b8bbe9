package dev.passthru.runtime.kvm

import groovy.transform.CompileStatic

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * Pure reading and editing of /etc/default/grub (a shell fragment sourced by grub-mkconfig). The kernel
 * command line is GRUB_CMDLINE_LINUX followed by GRUB_CMDLINE_LINUX_DEFAULT. Edits touch only those
 * two lines; every other byte of the file stays as it was. New tokens go to GRUB_CMDLINE_LINUX_DEFAULT
 * unless their key already lives in GRUB_CMDLINE_LINUX.
 */
@CompileStatic
final class GrubDefaultFile {
    static final String LINUX = 'GRUB_CMDLINE_LINUX'
    static final String DEFAULT = 'GRUB_CMDLINE_LINUX_DEFAULT'
    private static final Pattern ASSIGN = ~/^(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=(.*)$/

    private GrubDefaultFile() {}

    /** The tokens of one variable (the last assignment wins, as in sh); empty when it is not set. */
    static List<String> tokens(String text, String variable) {
        String v = null
        text.readLines().each { String l ->
            Matcher m = ASSIGN.matcher(l.trim())
            if (m.matches() && m.group(1) == variable) v = unquote(m.group(2))
        }
        v == null ? [] : KvmOutput.cmdline(v)
    }

    /** The command line the file configures. */
    static List<String> cmdline(String text) { tokens(text, LINUX) + tokens(text, DEFAULT) }

    /** The file with the change made; the same text when nothing changes. */
    static String edit(String text, List<String> add, List<String> remove) {
        List<String> linux = tokens(text, LINUX)
        List<String> deflt = tokens(text, DEFAULT)
        Set<String> linuxKeys = linux.collect { KernelArgs.key(it) }.toSet()
        List<String> addLinux = add.findAll { linuxKeys.contains(KernelArgs.key(it)) }
        List<String> newLinux = KernelArgs.apply(linux, addLinux, remove)
        List<String> newDefault = KernelArgs.apply(deflt, add - addLinux, remove)
        String out = text
        if (newLinux != linux) out = set(out, LINUX, newLinux)
        if (newDefault != deflt) out = set(out, DEFAULT, newDefault)
        out
    }

    private static String set(String text, String variable, List<String> tokens) {
        String line = "${variable}=\"${tokens.join(' ')}\"".toString()
        List<String> lines = text.split('\n', -1) as List<String>
        int last = lines.findLastIndexOf { String l ->
            Matcher m = ASSIGN.matcher(l.trim())
            m.matches() && m.group(1) == variable
        }
        if (last >= 0) {
            lines[last] = line
            return lines.join('\n')
        }
        (text.isEmpty() || text.endsWith('\n') ? text : text + '\n') + line + '\n'
    }

    private static String unquote(String v) {
        String s = v.trim()
        if (s.length() >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) {
            return s.substring(1, s.length() - 1)
        }
        s
    }
}
