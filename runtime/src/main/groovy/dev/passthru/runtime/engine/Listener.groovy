package dev.passthru.runtime.engine

import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/** Hears a run as it happens, for live progress. Every method has a do-nothing default. */
@CompileStatic
trait Listener {
    void preflightStarted() {}
    /** Preflight's warnings (the run goes on); called only when preflight found no error. */
    void preflightFindings(List<Finding> warnings) {}
    void stepStarted(int index, int total, Step step) {}
    void stepFinished(StepResult result, int total) {}
    /** Called while waiting for a rebooting host, with the seconds left before giving up. */
    void waitingForHost(long secondsLeft, String oldBootId) {}
    void hostBack(String newBootId, long waitedMillis) {}
}
