package dev.passthru.runtime.cli

import groovy.transform.CompileStatic

/** Step names shortened to a width: the middle of the name gives way, never a suffix such as {@code (line 12)}. */
@CompileStatic
final class StepLabel {
    static final String ELLIPSIS = '...'

    private StepLabel() {}

    /**
     * {@code name + suffix} in at most {@code max} characters: unchanged when it fits, else the name's middle
     * replaced by {@code ...} (its start and end kept); the suffix is always kept whole.
     */
    static String fit(String name, String suffix, int max) {
        String whole = name + suffix
        if (whole.length() <= max) return whole
        int room = max - suffix.length() - ELLIPSIS.length()
        if (room < 2) return name.take(Math.max(0, max - suffix.length())) + suffix
        int head = (room + 1).intdiv(2) as int
        int tail = room - head
        name.take(head) + ELLIPSIS + name.substring(name.length() - tail) + suffix
    }
}
