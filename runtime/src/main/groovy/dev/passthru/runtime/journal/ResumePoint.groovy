package dev.passthru.runtime.journal

import groovy.transform.CompileStatic

/** What {@code apply --resume} found for a recipe on a host: the run to continue, or why there is nothing to. */
@CompileStatic
final class ResumePoint {
    /** The journal of the run to continue; null when there is nothing to resume. */
    final Map run
    /** Why there is nothing to resume (null when {@link #run} is set). */
    final String nothing

    private ResumePoint(Map run, String nothing) {
        this.run = run
        this.nothing = nothing
    }

    static ResumePoint of(Map run) { new ResumePoint(run, null) }

    static ResumePoint none(String why) { new ResumePoint(null, why) }

    /** Step indexes the run verified (ok or changed), up to its first step that was not. */
    List<Integer> verified() {
        List<Integer> out = []
        for (Object o : (List) run.steps) {
            Map s = (Map) o
            if (!(s.status in ['OK', 'CHANGED'])) break
            out << (Integer) s.index
        }
        out
    }

    /** One line saying which run is continued and where it had stopped. */
    String describe() {
        List<Integer> done = verified()
        Map stopped = ((List<Map>) run.steps).find { Map s -> !(s.status in ['OK', 'CHANGED']) }
        "resuming run ${run.run} (started ${run.started}, outcome ${run.outcome}" +
                (stopped ? ", stopped at step ${stopped.index} '${stopped.step}' " +
                        "(${stopped.status.toString().toLowerCase(Locale.ROOT)})" : '') + '): ' +
                (done ? "step${done.size() == 1 ? '' : 's'} ${done.join(', ')} verified there " +
                        "${done.size() == 1 ? 'is' : 'are'} checked again, not redone"
                        : 'no step was verified there; every step runs')
    }
}
