package dev.passthru.runtime.twinmake

import dev.passthru.runtime.facts.ReadCommands
import dev.passthru.runtime.shell.CommandKind
import dev.passthru.runtime.transport.CommandResult
import dev.passthru.runtime.transport.Transport
import groovy.transform.CompileStatic

/**
 * What a twin maker reads from its source (a live host or a recording), read-only by construction, and which of its
 * reads the source could not answer (a recording that never ran them).
 */
@CompileStatic
final class TwinReads {
    private final Transport source
    private final Map<String, CommandResult> answers = [:]
    /** Each read the source could not answer, with why. */
    final List<String> unanswered = []

    TwinReads(Transport source) { this.source = source }

    /** Where the reads go (a host's label or a tape's file). */
    String label() { source.label() }

    /** The answer to a read-only command, or null when the source cannot answer it (noted in {@link #unanswered}). */
    CommandResult read(String command) {
        if (ReadCommands.of(command) == CommandKind.WRITE) {
            throw new IllegalStateException("a twin is made by reading only; refused `${command}`")
        }
        if (answers.containsKey(command)) return answers[command]
        CommandResult r = null
        try {
            r = source.run(command)
        } catch (NotRecordedException e) {
            unanswered << e.message
        }
        answers[command] = r
        r
    }

    /**
     * What {@code command} answered at any point of a recording (a write's output, a read in a later boot); null for a
     * live host (a maker never runs a write) or when the recording never ran it.
     */
    CommandResult recorded(String command) {
        source instanceof RecordedHost ? ((RecordedHost) source).anywhere(command) : null
    }

    /** Whether the source is a recording (some keys come only from what a recording saw happen). */
    boolean isRecording() { source instanceof RecordedHost }

    /** The standard output of a read that exited 0, or null (not answered, or failed). */
    String output(String command) {
        CommandResult r = read(command)
        r != null && r.exit == 0 ? r.stdout : null
    }
}
