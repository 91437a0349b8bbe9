package dev.passthru.runtime.cli

import dev.passthru.runtime.journal.Journal
import dev.passthru.runtime.facts.FactCache
import groovy.transform.CompileStatic

/**
 * How one {@link Runner#run} goes: plan or apply, the line that introduces the host, how long a reboot may take,
 * whether waits really wait (not on demo hosts and tapes), the journal, and the steps an earlier run verified.
 */
@CompileStatic
class RunOptions {
    /** Plan (change nothing) instead of apply. */
    boolean planOnly
    /** Shown under the host in the header (e.g. what the demo host is); null for none. */
    String hostNote
    /** How long to wait for a rebooting host. */
    long rebootTimeoutMillis = 600_000L
    /** Sleep between polls (a real host); demo hosts and tapes need no waiting. */
    boolean realPauses
    /** Where apply records what it did; null for none (plan, replay). */
    Journal journal
    /** Steps verified by the run being resumed, by index, with that run's id. */
    Map<Integer, String> verifiedIn = [:]
    /**
     * What the recipe's {@code facts} read while it was loaded for this run (the run goes on from there, reading
     * nothing twice); null: the run starts with nothing read. One run's cache only: never shared between runs.
     */
    FactCache facts
}
