package dev.passthru.runtime.fleet

import dev.passthru.runtime.engine.Finding
import dev.passthru.runtime.engine.RunResult
import dev.passthru.runtime.engine.StepResult
import dev.passthru.runtime.engine.StepStatus
import groovy.transform.CompileStatic

/** What one host's run came to, in the report's terms (plain maps and strings: it is written to JSON and read back to merge shards). */
@CompileStatic
final class HostOutcome {
    static final List<String> STATUSES = ['ok', 'changed', 'would-change', 'failed', 'error', 'skipped']

    String name
    String address
    List<String> groups = []
    /** ok, changed, would-change (plan), failed (a step failed or preflight found errors), error (recipe, inventory or connection), skipped (--fail-fast). */
    String status
    int exit
    long millis
    List<Map<String, Object>> steps = []
    List<Map<String, Object>> findings = []
    /** Why the host did not run, for error and skipped. */
    String error
    /** The host's full console output. */
    String log

    boolean isFailed() { status in ['failed', 'error'] }

    static HostOutcome of(Inventory.Host h, RunResult r, long millis, String log) {
        HostOutcome o = new HostOutcome(name: h.name, address: h.address(), groups: h.groups, exit: r.exitCode(), millis: millis, log: log)
        o.findings = (r.problems + r.warnings).collect { Finding f ->
            [severity: f.severity.name().toLowerCase(Locale.ROOT), file: f.location?.file, line: f.location?.line, step: f.step?.describe(),
             message : f.message, evidence: f.evidence, fix: f.fix] as Map<String, Object>
        }
        o.steps = r.steps.collect { StepResult s ->
            [index: s.index, line: s.step.location.line, step: s.step.describe(), status: s.status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
             millis: s.millis, message: s.message, diff: s.diff] as Map<String, Object>
        }
        o.status = r.failed ? 'failed' : r.steps.any { it.status == StepStatus.CHANGED } ? 'changed' : r.steps.any { it.status == StepStatus.WOULD_CHANGE } ? 'would-change' : 'ok'
        o
    }

    static HostOutcome error(Inventory.Host h, String status, String why, long millis) {
        new HostOutcome(name: h.name, address: h.address(), groups: h.groups, status: status, exit: status == 'skipped' ? 0 : 2, millis: millis, error: why)
    }

    /** changed/ok/failed counts of the steps, e.g. {@code 3 changed, 2 ok}. */
    String counts() {
        Map<Object, List<Map<String, Object>>> by = steps.groupBy { it.status }
        ['changed', 'would-change', 'ok', 'failed', 'skipped', 'pending'].findAll { by[it] }.collect { "${by[it].size()} ${it}" }.join(', ')
    }

    Map<String, Object> toMap() {
        [name: name, address: address, groups: groups, status: status, exit: exit, millis: millis, steps: steps, findings: findings, error: error, log: log] as Map<String, Object>
    }

    static HostOutcome fromMap(Map m) {
        new HostOutcome(name: m.name, address: m.address, groups: (List<String>) m.groups ?: [], status: m.status, exit: (m.exit ?: 0) as int,
                millis: (m.millis ?: 0) as long, steps: (List<Map<String, Object>>) m.steps ?: [], findings: (List<Map<String, Object>>) m.findings ?: [],
                error: m.error, log: m.log)
    }
}
