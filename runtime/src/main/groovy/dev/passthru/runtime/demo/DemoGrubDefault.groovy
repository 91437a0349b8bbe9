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

    /**
     * The kernel line of {@code template} with /etc/default/grub's values put in for {@code $GRUB_CMDLINE_LINUX} and
     * {@code $GRUB_CMDLINE_LINUX_DEFAULT}; split into words and joined by one space when {@code words} (GRUB's
     * script parser does that to a {@code linux} line), verbatim otherwise.
     */
    static String line(String template, String file, boolean words) {
        String line = template.replace('$GRUB_CMDLINE_LINUX_DEFAULT', variable(file, 'GRUB_CMDLINE_LINUX_DEFAULT'))
                .replace('$GRUB_CMDLINE_LINUX', variable(file, 'GRUB_CMDLINE_LINUX'))
        words ? DemoKernelCmdline.params(line).join(' ') : line
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
