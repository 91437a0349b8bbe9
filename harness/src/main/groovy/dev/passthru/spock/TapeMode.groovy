package dev.passthru.spock

import groovy.transform.CompileStatic

/** How a feature gets its session: from the tape, or from a live host that it records (as VCR's record modes). */
@CompileStatic
enum TapeMode {
    /** Answer from the tape; never connect; any miss or unused entry fails the feature. */
    REPLAY,
    /** Run on the live host and write the tape. */
    RECORD,
    /** Record when the tape file is missing, else replay it. */
    ONCE,
    /** Re-record every tape of the run from the live host (the run-wide switch a lab engineer uses). */
    ALL

    /** The mode a {@code -Dpassthru.tape.mode} / PASSTHRU_TAPE_MODE word names; an unknown word is refused. */
    static TapeMode of(String word) {
        TapeMode m = values().find { TapeMode t -> t.name().equalsIgnoreCase(word.trim()) }
        if (m == null) {
            throw new IllegalArgumentException("passthru.tape.mode '${word}': give one of " +
                    values()*.name()*.toLowerCase().join(', '))
        }
        m
    }

    /** Whether a feature in this mode, with its tape file present or not, runs on a live host. */
    boolean live(boolean tapeExists) { this == RECORD || this == ALL || (this == ONCE && !tapeExists) }
}
