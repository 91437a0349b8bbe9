package dev.passthru.runtime.cli

import groovy.transform.CompileStatic

/** The checks options share: one wording for "must be a positive number" everywhere. */
@CompileStatic
final class OptionChecks {
    private OptionChecks() {}

    /** {@code value} when it is at least 1; otherwise a usage error naming the option. */
    static int positive(int value, String option) {
        if (value < 1) throw new UsageError("${option} ${value}: give a whole number of at least 1")
        value
    }

    /** {@code value} when it is within {@code from..to}; otherwise a usage error naming the option and the range. */
    static int within(int value, int from, int to, String option) {
        if (value < from || value > to) throw new UsageError("${option} ${value}: give a number from ${from} to ${to}")
        value
    }
}
