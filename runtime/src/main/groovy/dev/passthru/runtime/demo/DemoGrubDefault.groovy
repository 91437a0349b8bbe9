package dev.passthru.runtime.demo

import groovy.transform.CompileStatic

import java.util.regex.Matcher

/**
 * What grub-mkconfig makes of /etc/default/grub for the demo's Debian host: the file is sourced by sh
 * (the last assignment of a variable wins, one pair of quotes around the value goes), and /etc/grub.d/10_linux
 * writes {@code linux ... ro ${GRUB_CMDLINE_LINUX} ${GRUB_CMDLINE_LINUX_DEFAULT}}, which GRUB splits into words.
 */
@CompileStatic
final class DemoGrubDefault {
    private DemoGrubDefault() {}

    /** The words 10_linux appends to a normal boot entry's kernel line. */
    static List<String> kernelWords(String file) {
        String linux = variable(file, 'GRUB_CMDLINE_LINUX')
        DemoKernelCmdline.params("${linux} ${variable(file, 'GRUB_CMDLINE_LINUX_DEFAULT')}")
    }

    /** The value sh gives {@code name} after sourcing the file (empty when unset). */
    static String variable(String file, String name) {
        String value = ''
        (file ?: '').readLines().each { String line ->
            Matcher m = line.trim() =~ /^([A-Z_]+)=(.*)$/
            if (m.matches() && m.group(1) == name) value = unquote(m.group(2).trim())
        }
        value
    }

    private static String unquote(String v) {
        boolean quoted = v.length() >= 2 && (v[0] == '"' || v[0] == "'") && v[-1] == v[0]
        quoted ? v.substring(1, v.length() - 1) : v
    }
}
