package dev.passthru.runtime.cli

import groovy.transform.CompileStatic

/** Options that check their values once parsed, before the command runs: a bad one is a {@link UsageError}. */
@CompileStatic
interface Validated {
    /** Throws {@link UsageError} naming the option and what is wrong with its value. */
    void validate()
}
