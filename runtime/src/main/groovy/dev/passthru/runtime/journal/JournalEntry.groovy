package dev.passthru.runtime.journal

import groovy.transform.CompileStatic

import java.time.Instant
import java.time.format.DateTimeParseException

/** One journal file as listed by {@code passthru journals}: what ran where, when, and how it ended. */
@CompileStatic
final class JournalEntry {
    final File file
    final String run
    final String host
    final String recipe
    final String started
    final String outcome
    final boolean finished
    final int steps

    JournalEntry(File file, Map data) {
        this.file = file
        this.run = data.run ?: file.name - '.json'
        this.host = data.host ?: '?'
        this.recipe = data.recipe ?: '?'
        this.started = data.started
        this.outcome = data.outcome ?: '?'
        this.finished = data.finished != null
        this.steps = data.steps instanceof List ? ((List) data.steps).size() : 0
    }

    /** When the run started; null when the journal does not say (or says it unreadably). */
    Instant getStartedAt() {
        try {
            started ? Instant.parse(started) : null
        } catch (DateTimeParseException ignored) {
            null
        }
    }

    /** " (N steps)" for the listing. */
    String stepsText() { " (${steps} step${steps == 1 ? '' : 's'})" }
}
