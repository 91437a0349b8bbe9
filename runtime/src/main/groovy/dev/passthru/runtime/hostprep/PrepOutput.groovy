package dev.passthru.runtime.hostprep

import dev.passthru.runtime.engine.OutputFormatException
import groovy.transform.CompileStatic

/**
 * Pure readers of what host preparation's tools print: setpci's register word, systemctl is-enabled's state, a sysfs
 * count, mlxconfig's query line.
 */
@CompileStatic
final class PrepOutput {
    /** setpci's message when a function has no such extended capability (lib/caps.c ... setpci.c). */
    static final String NO_CAPABILITY = 'not found - there are no capabilities with that id'

    private PrepOutput() {}

    /** setpci's read of a word: four hex digits and a newline ({@code %04x\n}, setpci.c). */
    static int setpciWord(String stdout) {
        String s = stdout.trim()
        if (!(s ==~ /[0-9a-f]{4}/)) throw new OutputFormatException("setpci printed '${s}', not a word in hex (%04x)")
        Integer.parseInt(s, 16)
    }

    /** {@code systemctl is-enabled}: true only for {@code enabled} (disabled, static, masked ... are not). */
    static boolean enabled(String stdout) { stdout.trim() == 'enabled' }

    /** A sysfs count such as nr_hugepages ({@code %u\n}). */
    static long count(String text) {
        String s = text.trim()
        if (!(s ==~ /\d+/)) throw new OutputFormatException("expected a number, read '${s}'")
        Long.parseLong(s)
    }

    /**
     * mlxconfig's query of ATS_ENABLED: the parameter's row, {@code ATS_ENABLED  False(0)} (Next Boot), or with
     * --enable_verbosity {@code ATS_ENABLED  False(0)  False(0)  True(1)} (Default, Current, Next Boot) and a leading
     * {@code *} when changed (NVIDIA MFT documentation, "Examples of mlxconfig Usage"); true when the next boot has it.
     */
    static boolean atsNextBoot(String stdout) { atsOn(atsSetting(stdout)) }

    /** mlxconfig's ATS_ENABLED values. */
    static final String ATS_TRUE = 'True(1)'
    static final String ATS_FALSE = 'False(0)'

    /** Whether an ATS_ENABLED value as mlxconfig prints it is on. */
    static boolean atsOn(String setting) { setting == ATS_TRUE }

    /** The next-boot ATS_ENABLED value in a query's output, as mlxconfig prints it: True(1) or False(0). */
    static String atsSetting(String stdout) {
        String row = stdout.readLines()*.trim().collect { String l -> l.replaceFirst(/^\*\s*/, '') }
                .find { String l -> l.startsWith('ATS_ENABLED ') }
        if (row == null) throw new OutputFormatException('mlxconfig printed no ATS_ENABLED row (a NIC whose firmware ' +
                'has no ATS setting?)')
        String last = row.split(/\s+/).last()
        if (last == ATS_TRUE || last == ATS_FALSE) return last
        throw new OutputFormatException("mlxconfig: cannot read ATS_ENABLED's value '${last}' (True(1) or False(0))")
    }
}
