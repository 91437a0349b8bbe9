package dev.passthru.runtime.fleet

import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import dev.passthru.runtime.interrupt.Interruption
import groovy.transform.CompileStatic

/**
 * What one host's run came to, in the report's terms (plain maps and strings: it is written to JSON and read back to
 * merge shards).
 */
@CompileStatic
final class HostOutcome {
    static final List<String> STATUSES = ['ok', 'changed', 'would-change', 'failed', 'error', 'skipped', 'interrupted']

    String name
    String address
    List<String> groups = []
    /**
     * ok, changed, would-change (plan), failed (a step failed or preflight found errors), error (recipe, inventory or
     * connection), skipped (--fail-fast), interrupted (Ctrl-C or SIGTERM came before the host finished).
     */
    String status
    int exit
    long millis
    List<Map<String, Object>> steps = []
    List<Map<String, Object>> findings = []
    /** Why the host did not run or finish, for error, skipped and interrupted. */
    String error
    /** The host's full console output. */
    String log

    /** A step failed, preflight found errors, or the host could not be run. */
    boolean isFailed() { status in ['failed', 'error'] }

    /** The host did not get to the end of its run. */
    boolean isInterrupted() { status == 'interrupted' }

    static HostOutcome of(Inventory.Host h, RunResult r, long millis, String log) {
        HostOutcome o = new HostOutcome(name: h.name, address: h.address(), groups: h.groups, exit: r.exitCode(),
                millis: millis, log: log)
        o.findings = (r.problems + r.warnings).collect { Finding f -> finding(f) }
        o.steps = r.steps.collect { StepResult s ->
            [index: s.index, line: s.step.location.line, step: s.step.describe(),
                    status: s.status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
             millis: s.millis, message: s.message, diff: s.diff] as Map<String, Object>
        }
        o.status = r.failed ? 'failed' : r.steps.any { it.status == StepStatus.CHANGED } ? 'changed'
                : r.steps.any { it.status == StepStatus.WOULD_CHANGE } ? 'would-change' : 'ok'
        o
    }

    /** A preflight finding with the report's stable keys (severity, file, line, step, message, evidence, fix). */
    static Map<String, Object> finding(Finding f) {
        [severity: f.severity.name().toLowerCase(Locale.ROOT), file: f.location?.file, line: f.location?.line,
                step: f.step?.describe(),
         message : f.message, evidence: f.evidence, fix: f.fix] as Map<String, Object>
    }

    /** A host that did not run to its end: error, skipped or interrupted, and why. */
    static HostOutcome error(Inventory.Host h, String status, String why, long millis) {
        int exit = status == 'skipped' ? 0 : status == 'interrupted' ? Interruption.EXIT_INTERRUPTED
                : RunResult.EXIT_FAILED
        new HostOutcome(name: h.name, address: h.address(), groups: h.groups, status: status, exit: exit,
                millis: millis, error: why)
    }

    /** This outcome marked interrupted (its steps and findings kept, to show how far it got). */
    HostOutcome interrupted(String why) {
        new HostOutcome(name: name, address: address, groups: groups, status: 'interrupted',
                exit: Interruption.EXIT_INTERRUPTED, millis: millis,
                steps: steps, findings: findings, error: error ? "${why}; ${error}".toString() : why, log: log)
    }

    /** changed/ok/failed counts of the steps, e.g. {@code 3 changed, 2 ok}. */
    String counts() {
        Map<Object, List<Map<String, Object>>> by = steps.groupBy { it.status }
        ['changed', 'would-change', 'ok', 'failed', 'skipped',
                'pending'].findAll { by[it] }.collect { "${by[it].size()} ${it}" }.join(', ')
    }

    Map<String, Object> toMap() {
        [name: name, address: address, groups: groups, status: status, exit: exit, millis: millis, steps: steps,
                findings: findings, error: error, log: log] as Map<String, Object>
    }

    /** What makes {@code o} not a host of a report (for {@link #fromMap}), or null when it is one. */
    static String problemIn(Object o) {
        if (!(o instanceof Map)) return 'not an object'
        Map m = (Map) o
        if (!(m.name instanceof String)) return "no 'name'"
        if (!(m.status in STATUSES)) {
            return "${m.name}: status ${m.status == null ? 'missing' : "'${m.status}'"} is not one of " +
                    "${STATUSES.join(', ')}"
        }
        for (String key : ['groups', 'steps', 'findings']) {
            if (m[key] != null && !(m[key] instanceof List)) return "${m.name}: '${key}' is not a list"
        }
        if ([m.steps, m.findings].any { it != null && ((List) it).any { e -> !(e instanceof Map) } }) {
            return "${m.name}: a step or finding is not an object"
        }
        null
    }

    static HostOutcome fromMap(Map m) {
        new HostOutcome(name: m.name, address: m.address, groups: ((List) m.groups ?: []).collect { it.toString() },
                status: m.status,
                exit: m.exit instanceof Number ? ((Number) m.exit).intValue() : 0,
                        millis: m.millis instanceof Number ? ((Number) m.millis).longValue() : 0L,
                steps: (List<Map<String, Object>>) m.steps ?: [],
                        findings: (List<Map<String, Object>>) m.findings ?: [], error: m.error, log: m.log)
    }
}
