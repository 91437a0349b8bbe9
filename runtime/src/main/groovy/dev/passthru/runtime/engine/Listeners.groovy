package dev.passthru.runtime.engine

import dev.passthru.dsl.Step
import groovy.transform.CompileStatic

/** Several listeners hearing one run, in order. */
@CompileStatic
class Listeners implements Listener {
    private final List<Listener> all

    Listeners(Listener... all) { this.all = all as List }

    void preflightStarted() { all*.preflightStarted() }
    void preflightFindings(List<Finding> warnings) { all.each { it.preflightFindings(warnings) } }
    void stepStarted(int index, int total, Step step) { all.each { it.stepStarted(index, total, step) } }
    void stepFinished(StepResult result, int total) { all.each { it.stepFinished(result, total) } }
    void waitingForHost(long secondsLeft, String oldBootId) { all.each { it.waitingForHost(secondsLeft, oldBootId) } }
    void hostBack(String newBootId, long waitedMillis) { all.each { it.hostBack(newBootId, waitedMillis) } }
}
